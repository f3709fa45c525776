package io.aiomisc.service;

import io.aiomisc.Service;
import io.aiomisc.internal.Checks;
import io.aiomisc.schedule.CallbackStatistics;
import io.aiomisc.schedule.PeriodicCallback;
import io.aiomisc.schedule.RunOptions;
import io.aiomisc.schedule.Scheduler;
import java.time.Duration;
import java.util.Objects;

/**
 * A service that runs {@link #callback()} periodically (aiomisc's {@code PeriodicService}): first after
 * {@link #delay()}, then {@link #interval()} after the end of each run, so runs never overlap. An exception in
 * a run is logged and counted (see {@link #statistics()}), and the schedule goes on.
 *
 * <p>Stopping the service interrupts a running callback and waits for it to return (aiomisc cancels it too;
 * its docs' claim that stop waits for the callback is inaccurate). A callback that ignores interruption holds
 * the stop up until the entrypoint's shutdown timeout abandons it.
 *
 * <p>The callback runs on virtual threads created from the service's start thread, so it sees the
 * entrypoint's thread pool as {@code Threaded.defaultPool()}.
 *
 * <pre>{@code
 * class Heartbeat extends PeriodicService {
 *     Heartbeat() { super(Duration.ofSeconds(5)); }
 *     protected void callback() { System.out.println("alive"); }
 * }
 * }</pre>
 */
public abstract class PeriodicService extends Service {

    private final Duration interval;
    private final Duration delay;
    private final PeriodicCallback periodic;

    /**
     * Creates the service with no initial delay.
     *
     * @param interval the pause between the end of one run and the start of the next; must be positive
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    protected PeriodicService(Duration interval) {
        this(interval, Duration.ZERO, Scheduler.system());
    }

    /**
     * Creates the service.
     *
     * @param interval the pause between the end of one run and the start of the next; must be positive
     * @param delay the wait before the first run after start; zero or positive
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code delay} is negative
     */
    protected PeriodicService(Duration interval, Duration delay) {
        this(interval, delay, Scheduler.system());
    }

    /**
     * Creates the service on a given scheduler (tests pass a fake one).
     *
     * @param interval the pause between the end of one run and the start of the next; must be positive
     * @param delay the wait before the first run after start; zero or positive
     * @param scheduler the clock and timer the schedule runs on
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code delay} is negative
     */
    protected PeriodicService(Duration interval, Duration delay, Scheduler scheduler) {
        this.interval = Checks.positive(interval, "interval");
        this.delay = Checks.nonNegative(delay, "delay");
        String simpleName = getClass().getSimpleName();
        this.periodic = new PeriodicCallback(simpleName.isEmpty() ? getClass().getName() : simpleName,
                this::callback, Objects.requireNonNull(scheduler, "scheduler"));
    }

    /**
     * The periodic work. Runs on a virtual thread; never concurrently with itself.
     *
     * @throws Exception logged and counted; the schedule goes on
     */
    protected abstract void callback() throws Exception;

    /** Starts the schedule and returns at once. */
    @Override
    protected void start() {
        periodic.start(interval, delay, RunOptions.DEFAULT);
    }

    /**
     * Stops the schedule: interrupts a running callback and waits until it has returned.
     *
     * @throws InterruptedException if the wait is interrupted (the entrypoint's shutdown timeout passed)
     * @throws java.util.concurrent.ExecutionException never in practice: the periodic strategy cannot fail
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        periodic.stop().get();
    }

    /**
     * Returns the pause between the end of one run and the start of the next.
     *
     * @return the interval given to the constructor
     */
    public final Duration interval() {
        return interval;
    }

    /**
     * Returns the wait before the first run.
     *
     * @return the delay given to the constructor; zero by default
     */
    public final Duration delay() {
        return delay;
    }

    /**
     * Returns the run counters since the service was created. Never blocks.
     *
     * @return calls, done, failed and total time of the callback
     */
    public final CallbackStatistics statistics() {
        return periodic.statistics();
    }

    @Override
    public String toString() {
        return name() + "[" + state() + ", interval=" + interval + ", delay=" + delay + "]";
    }
}
