package io.aiomisc.service;

import io.aiomisc.Service;
import io.aiomisc.schedule.CallbackStatistics;
import io.aiomisc.schedule.CronCallback;
import io.aiomisc.schedule.CronExpression;
import io.aiomisc.schedule.RunOptions;
import io.aiomisc.schedule.Scheduler;
import io.aiomisc.threads.ThrowingRunnable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A service that runs several callbacks, each at the fire times of its own cron expression (aiomisc's
 * {@code CronService}). Expressions have 5 fields, or 6 with the seconds last as in aiomisc's croniter (see
 * {@link CronExpression}); fire times are computed in UTC unless a zone is given.
 *
 * <p>Each callback runs as a {@link CronCallback}: runs of one callback never overlap, a run that overruns a
 * tick skips it, and exceptions are logged and counted. Stopping the service interrupts running callbacks
 * (unless registered with {@link RunOptions#shield()}) and waits until they have returned; none fires after
 * the stop.
 *
 * <pre>{@code
 * CronService cron = new CronService()
 *         .register("0 * * * *", this::refreshCache)
 *         .register("0 3 * * *", ZoneId.of("Europe/Berlin"), this::nightlyReport);
 * }</pre>
 *
 * <p>Thread-safety: {@code register} may be called from any thread, but only while the service is not
 * running.
 */
public class CronService extends Service {

    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by lock
    private boolean running; // guarded by lock

    /** Creates an empty cron service on {@link Scheduler#system()}. */
    public CronService() {
        this(Scheduler.system());
    }

    /**
     * Creates an empty cron service on a given scheduler (tests pass a fake one).
     *
     * @param scheduler the clock and timer the callbacks run on
     * @throws NullPointerException if {@code scheduler} is null
     */
    public CronService(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Registers a callback at the fire times of {@code expression}, in UTC. Its name is the expression.
     *
     * @param expression a cron expression (5 fields, or 6 with the seconds last)
     * @param callback the code to run
     * @return this service, for chaining
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the expression is invalid (the message names the field and value)
     *         or a callback with the same name is registered
     * @throws IllegalStateException if the service is running
     */
    public final CronService register(String expression, ThrowingRunnable callback) {
        return register(expression, ZoneOffset.UTC, callback);
    }

    /**
     * Registers a callback at the fire times of {@code expression} in {@code zone}. Its name is the
     * expression.
     *
     * @param expression a cron expression (5 fields, or 6 with the seconds last)
     * @param zone the zone whose local time the expression describes
     * @param callback the code to run
     * @return this service, for chaining
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the expression is invalid or a callback with the same name is
     *         registered
     * @throws IllegalStateException if the service is running
     */
    public final CronService register(String expression, ZoneId zone, ThrowingRunnable callback) {
        CronExpression parsed = CronExpression.parse(expression);
        return register(parsed.toString(), parsed, zone, RunOptions.DEFAULT, callback);
    }

    /**
     * Registers a named callback with all options.
     *
     * @param name the name used in log records and {@link #statistics(String)}; unique in this service
     * @param expression when to run
     * @param zone the zone whose local time the expression describes
     * @param options shield (let a running callback finish on stop) and suppressed exceptions
     * @param callback the code to run
     * @return this service, for chaining
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a callback with the same name is registered
     * @throws IllegalStateException if the service is running
     */
    public final CronService register(String name, CronExpression expression, ZoneId zone, RunOptions options,
            ThrowingRunnable callback) {
        Entry entry = new Entry(new CronCallback(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(callback, "callback"), scheduler),
                Objects.requireNonNull(expression, "expression"), Objects.requireNonNull(zone, "zone"),
                Objects.requireNonNull(options, "options"));
        lock.lock();
        try {
            if (running) {
                throw new IllegalStateException("cannot register '" + name + "' while " + this
                        + " is running; register callbacks before the start");
            }
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("a callback named '" + name + "' is already registered");
            }
            entries.put(name, entry);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Starts every registered callback and returns at once. */
    @Override
    protected void start() {
        lock.lock();
        try {
            running = true;
            for (Entry entry : entries.values()) {
                entry.callback.start(entry.expression, entry.zone, entry.options);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops every callback (interrupting running ones unless shielded) and waits until none runs.
     *
     * @throws InterruptedException if the wait is interrupted (the entrypoint's shutdown timeout passed)
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        lock.lock();
        try {
            for (Entry entry : entries.values()) {
                stops.add(entry.callback.stop());
            }
        } finally {
            lock.unlock();
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get();
        } finally {
            lock.lock();
            try {
                running = false;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Returns the names of the registered callbacks, in registration order.
     *
     * @return an immutable snapshot
     */
    public final List<String> callbacks() {
        lock.lock();
        try {
            return List.copyOf(entries.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the run counters of one callback. Never blocks for long.
     *
     * @param name the callback's name (its expression unless registered with a name)
     * @return calls, done, failed and total time
     * @throws IllegalArgumentException if no callback has that name
     */
    public final CallbackStatistics statistics(String name) {
        lock.lock();
        try {
            Entry entry = entries.get(name);
            if (entry == null) {
                throw new IllegalArgumentException("no callback named '" + name + "'; registered: "
                        + entries.keySet());
            }
            return entry.callback.statistics();
        } finally {
            lock.unlock();
        }
    }

    private record Entry(CronCallback callback, CronExpression expression, ZoneId zone, RunOptions options) {
    }
}
