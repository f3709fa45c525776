package io.aiomisc.schedule;

import io.aiomisc.threads.ThrowingRunnable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a callback at the fire times of a {@link CronExpression} (aiomisc's {@code CronCallback}).
 *
 * <p>After each run the next fire time is computed from the current time, so a run that overruns one or
 * more ticks skips them (a warning names the first tick skipped); runs never overlap. Fire times are
 * computed in UTC unless a zone is given (see {@link CronExpression} for daylight-saving rules). Exceptions
 * are logged and counted, and the schedule goes on. {@link #stop()} interrupts a running callback unless
 * started with {@link RunOptions#shield()}. Thread-safe; see {@link RecurringCallback} for where the
 * callback runs.
 */
public final class CronCallback extends ScheduledCallback {

    private static final Logger LOG = LoggerFactory.getLogger(CronCallback.class);

    private final Scheduler scheduler;
    private volatile String schedule = "";

    /**
     * Creates a cron callback on {@link Scheduler#system()}.
     *
     * @param name the name used in log records and {@link #toString()}
     * @param callback the code to run
     * @throws NullPointerException if an argument is null
     */
    public CronCallback(String name, ThrowingRunnable callback) {
        this(name, callback, Scheduler.system());
    }

    /**
     * Creates a cron callback on the given scheduler, whose {@link Scheduler#now()} is the clock the fire
     * times are computed from.
     *
     * @param name the name used in log records and {@link #toString()}
     * @param callback the code to run
     * @param scheduler the clock and timer to run on
     * @throws NullPointerException if an argument is null
     */
    public CronCallback(String name, ThrowingRunnable callback, Scheduler scheduler) {
        super(name, callback, scheduler);
        this.scheduler = scheduler;
    }

    /**
     * Starts the schedule with fire times computed in UTC. Returns at once.
     *
     * @param expression when to run
     * @return a future that completes when the schedule has ended after {@link #stop()}
     * @throws NullPointerException if {@code expression} is null
     * @throws IllegalStateException if it is running or still stopping
     */
    public CompletableFuture<Void> start(CronExpression expression) {
        return start(expression, ZoneOffset.UTC, RunOptions.DEFAULT);
    }

    /**
     * Starts the schedule with fire times computed in {@code zone}. Returns at once.
     *
     * @param expression when to run
     * @param zone the zone whose local time the expression describes
     * @return a future that completes when the schedule has ended after {@link #stop()}
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if it is running or still stopping
     */
    public CompletableFuture<Void> start(CronExpression expression, ZoneId zone) {
        return start(expression, zone, RunOptions.DEFAULT);
    }

    /**
     * Starts the schedule with options. Returns at once.
     *
     * @param expression when to run
     * @param zone the zone whose local time the expression describes
     * @param options shield and suppressed exceptions
     * @return a future that completes when the schedule has ended after {@link #stop()}
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if it is running or still stopping
     */
    public CompletableFuture<Void> start(CronExpression expression, ZoneId zone, RunOptions options) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        CompletableFuture<Void> ended = recurring.start(new Ticks(expression, zone), options, this);
        schedule = ", '" + expression + "' in " + zone;
        return ended;
    }

    @Override
    public String toString() {
        return "CronCallback[" + name() + (isRunning() ? ", running" : ", stopped") + schedule + "]";
    }

    /** The strategy: the delay from now to the next fire time, never firing a tick twice. */
    private final class Ticks implements RecurringCallback.Strategy {
        private final CronExpression expression;
        private final ZoneId zone;
        private ZonedDateTime lastTick; // only touched by the loop, whose steps are sequential

        Ticks(CronExpression expression, ZoneId zone) {
            this.expression = expression;
            this.zone = zone;
        }

        @Override
        public Duration nextDelay(RecurringCallback callback) {
            Instant now = scheduler.now();
            ZonedDateTime from = now.atZone(zone);
            if (lastTick != null) {
                if (!from.isAfter(lastTick)) {
                    // the wall clock reads a hair before the tick that just fired; do not fire it again
                    from = lastTick;
                } else {
                    ZonedDateTime following = expression.next(lastTick);
                    if (!following.isAfter(from)) {
                        LOG.warn("{} overran: skipping the tick at {}", name(), following);
                    }
                }
            }
            lastTick = expression.next(from);
            return Duration.between(now, lastTick.toInstant());
        }
    }
}
