package io.aiomisc.resilience;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Time as the resilience, batching and pooling helpers see it: a monotonic clock, a blocking wait and a
 * one-shot timer, all measured on that clock.
 *
 * <p>Production code uses {@link #system()}. Tests pass a fake implementation whose clock only moves when the
 * test advances it (its {@code sleep} advances the clock and returns at once), so time-dependent behaviour is
 * tested without waiting on the wall clock. This is the same idea as Caffeine's {@code Ticker} and
 * {@code Scheduler}, folded into one small interface.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Ticker {

    /**
     * Returns the current value of this monotonic clock in nanoseconds. Only differences between two values
     * are meaningful, as for {@link System#nanoTime()}.
     *
     * @return the current time in nanoseconds
     */
    long nanoTime();

    /**
     * Blocks the calling thread for {@code duration} on this clock.
     *
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Runs {@code task} once after {@code delay} on this clock. {@link #system()} runs each task on a virtual
     * thread of its own, so neither the task nor the dependent actions of a future it completes (a caller's
     * {@code thenApply} after a timeout, say) can hold up other timers; another ticker may run tasks on a shared
     * thread, where they must be short.
     *
     * @param task  the task to run
     * @param delay how long from now; zero or negative runs it as soon as possible
     * @return a future whose {@link Future#cancel(boolean) cancel} prevents the task from running if it has not
     *         started yet
     */
    Future<?> schedule(Runnable task, Duration delay);

    /**
     * Returns the ticker backed by {@link System#nanoTime()}, {@link Thread#sleep(Duration)} and one shared
     * daemon timer thread named {@code aiomisc-timer}, created on first use.
     *
     * @return the system ticker; the same instance on every call
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
