package io.aiomisc.threads.internal;

/** The spin-wait policy shared by idle workers and waiting callers. */
final class Spinning {

    /** Busy-wait iterations between two reads of the clock. */
    static final int SPINS_PER_CLOCK_READ = 32;
    /** Busy-wait iterations between two {@link Thread#yield()}s. */
    private static final int SPINS_PER_YIELD = 4 * SPINS_PER_CLOCK_READ;

    private Spinning() {
    }

    /**
     * Yields the processor every {@link #SPINS_PER_YIELD} spins: on an idle machine the yield
     * returns at once, on an oversubscribed one it lets the thread we are waiting for run.
     */
    static void yieldNowAndThen(int spins) {
        if (spins % SPINS_PER_YIELD == 0) {
            Thread.yield();
        }
    }
}
