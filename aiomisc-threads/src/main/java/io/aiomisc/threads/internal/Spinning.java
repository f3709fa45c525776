package io.aiomisc.threads.internal;

/**
 * The spin-wait policy shared by idle workers and waiting callers: {@link Thread#onSpinWait()}
 * between polls, the clock read only every {@link #SPINS_PER_CLOCK_READ} spins, no
 * {@link Thread#yield()} (measured: yielding inside a spin of a few microseconds costs the round
 * trip more than half its throughput, on an idle and on a loaded machine alike). Spins are
 * bounded by a deadline of tens of microseconds, after which the thread parks.
 */
final class Spinning {

    /** Busy-wait iterations between two reads of the clock. */
    static final int SPINS_PER_CLOCK_READ = 32;

    private Spinning() {
    }
}
