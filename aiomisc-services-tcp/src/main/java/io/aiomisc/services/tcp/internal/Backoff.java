package io.aiomisc.services.tcp.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delays with "equal jitter": the n-th delay is drawn from [d/2, d] where d doubles from
 * {@code first} up to {@code max}, so many clients dropped by one server restart do not reconnect in step. Not
 * thread-safe: one per reconnect loop.
 */
public final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private long ceilingNanos;

    /**
     * Creates a backoff.
     *
     * @param first the first ceiling (before jitter)
     * @param max   the largest ceiling
     */
    public Backoff(Duration first, Duration max) {
        this.maxNanos = Math.max(1, max.toNanos());
        this.firstNanos = Math.min(Math.max(1, first.toNanos()), maxNanos);
        this.ceilingNanos = firstNanos;
    }

    /**
     * Returns the next delay and doubles the ceiling (up to the maximum).
     *
     * @return a delay in [ceiling/2, ceiling]
     */
    public Duration next() {
        long ceiling = ceilingNanos;
        ceilingNanos = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** Starts again from the first delay (after a connection that lasted). */
    public void reset() {
        ceilingNanos = firstNanos;
    }
}
