package io.aiomisc.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and timer that every schedule in this package runs on.
 *
 * <p>{@link #system()} is the real one. Tests pass a fake implementation whose time moves only when the
 * test says so, so that a schedule of hours is checked in microseconds and no test sleeps on wall time.
 *
 * <p>Implementations are thread-safe: {@link #schedule} may be called from any thread, including from a
 * task that the scheduler is running.
 */
public interface Scheduler {

    /**
     * Returns the scheduler of the running JVM: {@link #now()} is the system clock, {@link #nanoTime()} is
     * {@link System#nanoTime()}, and each scheduled task runs on a new virtual thread. That thread is created
     * when {@link #schedule} is called, so it inherits the caller's inheritable thread locals (such as the
     * default pool binding of the entrypoint).
     *
     * @return the shared system scheduler, never null
     */
    static Scheduler system() {
        return SystemScheduler.INSTANCE;
    }

    /**
     * Returns the current wall-clock time, used to compute cron fire times. Never blocks.
     *
     * @return the current instant
     */
    Instant now();

    /**
     * Returns a monotonic time in nanoseconds, used to measure durations. Only differences between two
     * values are meaningful. Never blocks.
     *
     * @return the monotonic time in nanoseconds
     */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delay} (a zero or negative delay means "as soon as possible").
     * Returns at once; the task runs on a thread of the scheduler's choosing, possibly concurrently with
     * the caller. Exceptions the task throws are not caught by the scheduler.
     *
     * @param delay how long to wait before running the task
     * @param task the task to run
     * @return a handle to cancel the task before it runs
     * @throws NullPointerException if {@code delay} or {@code task} is null
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * A task scheduled with {@link Scheduler#schedule}.
     */
    @FunctionalInterface
    interface Cancellable {
        /**
         * Prevents the task from running if it has not started yet. Thread-safe, idempotent, never blocks,
         * and never interrupts a task that already runs.
         *
         * @return true if this call prevented the task from running; false if it already started or was
         *         cancelled before
         */
        boolean cancel();
    }
}
