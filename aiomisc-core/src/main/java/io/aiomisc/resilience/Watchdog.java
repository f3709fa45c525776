package io.aiomisc.resilience;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts the thread that armed it when a time limit expires, so work running on the caller's own thread
 * can be bounded without moving it to another thread.
 *
 * <p>The guarded thread must call {@link #disarm()} exactly once, after its work, whatever the outcome. The
 * state machine guarantees that an interrupt sent by the watchdog never leaks past {@code disarm()}: either the
 * watchdog is disarmed before it fires (no interrupt is ever sent), or {@code disarm()} waits until the
 * interrupt has been delivered and then clears it.
 */
final class Watchdog implements Runnable {

    private static final int ARMED = 0;
    private static final int FIRING = 1;
    private static final int FIRED = 2;
    private static final int DISARMED = 3;

    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private volatile Future<?> timer;

    private Watchdog(Thread thread) {
        this.thread = thread;
    }

    /** Arms a watchdog for the current thread that fires after {@code limitNanos} on {@code ticker}. */
    static Watchdog arm(Ticker ticker, long limitNanos) {
        Watchdog watchdog = new Watchdog(Thread.currentThread());
        watchdog.timer = ticker.schedule(watchdog, Duration.ofNanos(limitNanos));
        return watchdog;
    }

    @Override
    public void run() {
        if (state.compareAndSet(ARMED, FIRING)) {
            thread.interrupt();
            state.set(FIRED);
        }
    }

    /**
     * Stops the watchdog. Must be called by the guarded thread.
     *
     * @return true if the limit expired (the work was interrupted, and that interrupt is now cleared)
     */
    boolean disarm() {
        if (state.compareAndSet(ARMED, DISARMED)) {
            Future<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
            return false;
        }
        // The timer thread is between its CAS and interrupt(): a few instructions, so spinning is cheaper than parking.
        while (state.get() == FIRING) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
