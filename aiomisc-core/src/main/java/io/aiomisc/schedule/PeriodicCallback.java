package io.aiomisc.schedule;

import io.aiomisc.internal.Checks;
import io.aiomisc.threads.ThrowingRunnable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a callback first after a delay, then again {@code interval} after the <em>end</em> of each run
 * (fixed delay, aiomisc's {@code PeriodicCallback}): runs never overlap, so a 0.5 s callback at a 0.1 s
 * interval runs twice per second, not ten times.
 *
 * <p>An exception in a run is logged and counted, and the schedule goes on (unlike Guava's
 * {@code AbstractScheduledService}, whose schedule dies with the first exception). {@link #stop()}
 * interrupts a running callback unless started with {@link RunOptions#shield()}. A stopped callback can be
 * started again once its stop future has completed. Thread-safe; see {@link RecurringCallback} for where
 * the callback runs.
 */
public final class PeriodicCallback extends ScheduledCallback {

    private volatile String schedule = "";

    /**
     * Creates a periodic callback on {@link Scheduler#system()}.
     *
     * @param name the name used in log records and {@link #toString()}
     * @param callback the code to run
     * @throws NullPointerException if an argument is null
     */
    public PeriodicCallback(String name, ThrowingRunnable callback) {
        this(name, callback, Scheduler.system());
    }

    /**
     * Creates a periodic callback on the given scheduler.
     *
     * @param name the name used in log records and {@link #toString()}
     * @param callback the code to run
     * @param scheduler the clock and timer to run on
     * @throws NullPointerException if an argument is null
     */
    public PeriodicCallback(String name, ThrowingRunnable callback, Scheduler scheduler) {
        super(name, callback, scheduler);
    }

    /**
     * Starts with no initial delay: the first run happens at once. Returns at once.
     *
     * @param interval the pause between the end of one run and the start of the next; must be positive
     * @return a future that completes when the schedule has ended after {@link #stop()}
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     * @throws IllegalStateException if it is running or still stopping
     */
    public CompletableFuture<Void> start(Duration interval) {
        return start(interval, Duration.ZERO, RunOptions.DEFAULT);
    }

    /**
     * Starts the schedule. Returns at once.
     *
     * @param interval the pause between the end of one run and the start of the next; must be positive
     * @param delay the wait before the first run; zero or positive
     * @return a future that completes when the schedule has ended after {@link #stop()}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code delay} is negative
     * @throws IllegalStateException if it is running or still stopping
     */
    public CompletableFuture<Void> start(Duration interval, Duration delay) {
        return start(interval, delay, RunOptions.DEFAULT);
    }

    /**
     * Starts the schedule with options. Returns at once.
     *
     * @param interval the pause between the end of one run and the start of the next; must be positive
     * @param delay the wait before the first run; zero or positive
     * @param options shield and suppressed exceptions
     * @return a future that completes when the schedule has ended after {@link #stop()}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code delay} is negative
     * @throws IllegalStateException if it is running or still stopping
     */
    public CompletableFuture<Void> start(Duration interval, Duration delay, RunOptions options) {
        Checks.positive(interval, "interval");
        Checks.nonNegative(delay, "delay");
        AtomicBoolean first = new AtomicBoolean(true);
        CompletableFuture<Void> ended = recurring.start(cb -> first.getAndSet(false) ? delay : interval, options,
                this);
        schedule = ", interval=" + interval + ", delay=" + delay;
        return ended;
    }

    @Override
    public String toString() {
        return "PeriodicCallback[" + name() + (isRunning() ? ", running" : ", stopped") + schedule + "]";
    }
}
