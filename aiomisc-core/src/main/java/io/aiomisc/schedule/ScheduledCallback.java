package io.aiomisc.schedule;

import io.aiomisc.stats.Measured;
import io.aiomisc.threads.ThrowingRunnable;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link PeriodicCallback} and {@link CronCallback} share: a {@link RecurringCallback} and its controls.
 * Started while an entrypoint is current, a callback publishes its statistics under its own type
 * ({@code type=PeriodicCallback} or {@code type=CronCallback}) until it ends.
 */
abstract sealed class ScheduledCallback implements Measured permits PeriodicCallback, CronCallback {

    final RecurringCallback recurring;

    ScheduledCallback(String name, ThrowingRunnable callback, Scheduler scheduler) {
        this.recurring = new RecurringCallback(name, callback, scheduler);
    }

    /**
     * Stops the schedule: a pending wait is cancelled and a running callback interrupted (unless shielded).
     * Returns at once; idempotent; a callback that was never started gives a completed future.
     *
     * @return a future that completes once no run is in progress any more
     */
    public final CompletableFuture<Void> stop() {
        return recurring.stop();
    }

    /**
     * Returns whether the schedule is running. Never blocks.
     *
     * @return true between {@code start} and the end of the schedule
     */
    public final boolean isRunning() {
        return recurring.isRunning();
    }

    /**
     * Returns the counters since this object was created; restarts keep counting. Never blocks.
     *
     * @return a snapshot of the statistics
     */
    @Override
    public final CallbackStatistics statistics() {
        return recurring.statistics();
    }

    /**
     * Returns the name given to the constructor.
     *
     * @return the name
     */
    @Override
    public final String name() {
        return recurring.name();
    }
}
