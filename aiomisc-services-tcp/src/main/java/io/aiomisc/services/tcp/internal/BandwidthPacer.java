package io.aiomisc.services.tcp.internal;

/**
 * The pacing arithmetic of one direction of a proxied connection: how long a chunk must wait so that the bytes
 * sent since the pacing window began do not exceed the rate.
 *
 * <p>The window restarts whenever the rate changes (bytes paced at the old rate must not be charged at the new
 * one: lowering the limit would otherwise stall the link for the time those bytes would take at the new rate)
 * and whenever the link was idle past the window's due time (idle time must not be saved up and spent later as
 * an unthrottled burst).
 *
 * <p>Not thread-safe: one pump thread owns it.
 */
final class BandwidthPacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private long rate;
    private long since;
    private long paced;

    /**
     * Charges {@code bytes} about to be sent and returns how long to wait before sending them.
     *
     * @param bytes how many bytes are about to be sent
     * @param rate  the limit in force now, bytes per second; 0 or less for none
     * @param now   the current {@link System#nanoTime()}
     * @return the wait in nanoseconds, 0 for none
     */
    long delayNanos(int bytes, long rate, long now) {
        if (rate <= 0) {
            this.rate = 0;
            return 0;
        }
        if (rate != this.rate || due() - now < 0) {
            this.rate = rate;
            since = now;
            paced = 0;
        }
        paced += bytes;
        return Math.max(0, due() - now);
    }

    private long due() {
        // Split so that paced * 1e9 cannot overflow for any realistic byte count.
        return since + paced / rate * NANOS_PER_SECOND + paced % rate * NANOS_PER_SECOND / rate;
    }
}
