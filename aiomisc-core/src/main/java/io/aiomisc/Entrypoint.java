package io.aiomisc;

import io.aiomisc.internal.Checks;
import io.aiomisc.internal.DependencyResolver.Registration;
import io.aiomisc.internal.EnvDefaults;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogFormat;
import io.aiomisc.threads.ThreadPool;
import io.aiomisc.threads.ThrowingConsumer;
import io.aiomisc.threads.ThrowingFunction;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * Starts services concurrently, runs the program, and stops everything gracefully (aiomisc's
 * {@code entrypoint}): it sets up logging and the thread pool, shares a {@link Context} and dependencies
 * between services, fires lifecycle hooks and plugins, and stops on SIGINT or SIGTERM.
 *
 * <pre>{@code
 * try (Entrypoint entrypoint = Entrypoint.builder().services(new MyServer(8080)).start()) {
 *     entrypoint.awaitTermination();   // aiomisc's loop.run_forever(): until SIGINT, SIGTERM or stop()
 * }
 * }</pre>
 *
 * <p><b>Start</b>: {@code PRE_START} hooks, then every service's {@code start()} concurrently, phase by phase
 * ({@link Service#phase()}), then {@code POST_START}. If a start or a start hook fails, every service already
 * started is stopped (its {@code stop} receives the cause), the rest are interrupted, the resources released,
 * and the start throws {@link EntrypointException} whose cause is the first failure (aiomisc leaves the started
 * services running; we do not).
 *
 * <p><b>Stop</b> (once, whoever asks: {@link #stop()}, {@link #close()}, a signal, a service crash):
 * {@code PRE_STOP}, every service stopped concurrently within the shutdown timeout (highest phase first; a
 * service that overruns is interrupted, logged with its stack trace and reported, never waited for beyond the
 * timeout), {@code POST_STOP}, dependencies closed in reverse order, pending context futures cancelled, the
 * pool shut down, signal handlers restored, a final "stopped in N ms" line, and the log buffer flushed last.
 *
 * <p><b>Errors</b>: lifecycle failures surface as {@link EntrypointException}, each reported once: by the start,
 * or by the first of {@link #stop()}, {@link #close()}, {@link #awaitTermination()} or
 * {@link #runUntilComplete} to see them.
 *
 * <p>Thread-safe. The entrypoint is single-use: once stopped it cannot start again.
 */
public final class Entrypoint implements AutoCloseable {
    /** The default of {@link Builder#shutdownTimeout(Duration)}: 60 seconds, as aiomisc. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    /** Process-wide receivers called before services start; each entrypoint copies it when its builder is created. */
    public static final Signal<LifecycleEvent> PRE_START = new Signal<>();
    /** Process-wide receivers called after services started; copied like {@link #PRE_START}. */
    public static final Signal<LifecycleEvent> POST_START = new Signal<>();
    /** Process-wide receivers called before services stop; copied like {@link #PRE_START}. */
    public static final Signal<LifecycleEvent> PRE_STOP = new Signal<>();
    /** Process-wide receivers called after services stopped; copied like {@link #PRE_START}. */
    public static final Signal<LifecycleEvent> POST_STOP = new Signal<>();

    /** The states of an entrypoint, for readiness checks. */
    public enum State {
        /** Services are starting. */
        STARTING,
        /** Every service has started. */
        RUNNING,
        /** The stop is in progress. */
        STOPPING,
        /** Stopped; final. */
        STOPPED
    }

    private final Lifecycle lifecycle;

    Entrypoint(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * Creates a builder with aiomisc's defaults, overridden by the {@code AIOMISC_*} environment variables
     * read now (see {@link Builder}).
     *
     * @return a new builder
     * @throws IllegalArgumentException naming the variable and its value, if one cannot be read
     */
    public static Builder builder() {
        return new Builder(EnvDefaults.read(System::getenv));
    }

    static Builder builder(Function<String, String> env) {
        return new Builder(EnvDefaults.read(env));
    }

    /**
     * Starts an entrypoint with the defaults and these services, runs {@code main}, and stops everything
     * (aiomisc's {@code aiomisc.run}). Blocks until the stop has finished.
     *
     * @param main     the program; runs on this thread
     * @param services the services
     * @param <T>      the result type
     * @return what {@code main} returned
     * @throws Exception           what {@code main} threw (also handed to every {@code stop} as the cause), with
     *                             stop failures suppressed
     * @throws EntrypointException if the start or the stop failed, or the entrypoint was stopped by a signal or
     *                             a crash while {@code main} ran
     */
    public static <T> T run(Callable<T> main, Service... services) throws Exception {
        return builder().services(services).run(main);
    }

    /**
     * Returns the entrypoint whose service, hook, main body or pooled task runs on this thread; else the only
     * live entrypoint of the JVM; else empty (aiomisc's {@code Entrypoint.get_current()}).
     *
     * @return the current entrypoint, if any
     */
    public static Optional<Entrypoint> current() {
        return CurrentEntrypoint.current();
    }

    /**
     * Blocks until the entrypoint has stopped, by {@link #stop()}, SIGINT, SIGTERM or a service crash
     * (aiomisc's {@code loop.run_forever()}). Returns normally after a graceful stop.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws EntrypointException  if the stop was caused by a failure (a service whose start failed after it
     *                              signalled {@code started()}: that is the cause) or a stop step failed, and
     *                              nobody has reported it yet
     */
    public void awaitTermination() throws InterruptedException {
        try {
            lifecycle.terminated().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stop of " + this + " failed unexpectedly", e.getCause());
        }
        EntrypointException failure = lifecycle.failures().take(lifecycle.id() + " stopped", source -> true);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs {@code main} on this thread while the services run (aiomisc's {@code loop.run_until_complete}); does
     * not stop the entrypoint afterwards. Inside {@code main}, this entrypoint is {@link #current()} and its pool
     * is {@code Threaded}'s default. If the entrypoint is stopped by someone else meanwhile (a signal, a crash,
     * another thread), this thread is interrupted.
     *
     * @param main the program
     * @param <T>  the result type
     * @return what {@code main} returned
     * @throws Exception             what {@code main} threw
     * @throws EntrypointException   if the entrypoint was stopped by someone else while {@code main} ran: the
     *                               cause is the crash, the {@link ShutdownSignalException}, or a
     *                               {@link CancellationException} for a plain stop; {@code main}'s own exception
     *                               is suppressed (a result returned anyway is returned when nothing failed)
     * @throws IllegalStateException if the entrypoint is not running
     */
    public <T> T runUntilComplete(Callable<T> main) throws Exception {
        Objects.requireNonNull(main, "main");
        return MainRunner.run(lifecycle, main);
    }

    /**
     * Stops the entrypoint gracefully and waits until it has stopped; idempotent. Called from a thread the
     * entrypoint runs (a service, a hook, a pooled task), it only starts the stop and returns at once, since
     * waiting there would wait for itself. Never exits the JVM: a service that overruns the shutdown timeout is
     * interrupted, reported and left behind.
     *
     * @throws EntrypointException if a stop step failed or overran and no one has reported it yet
     */
    public void stop() {
        if (lifecycle.stop(null)) {
            EntrypointException failure = lifecycle.failures().take(lifecycle.id() + " stopped", source -> true);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * The same as {@link #stop()}.
     *
     * @throws EntrypointException for failures not reported yet
     */
    @Override
    public void close() {
        stop();
    }

    /**
     * Returns the state; never blocks.
     *
     * @return the state
     */
    public State state() {
        return lifecycle.state();
    }

    /**
     * Returns the entrypoint's pool: the default pool of {@code Threaded} in every thread the entrypoint runs.
     *
     * @return the pool, shut down when the entrypoint stops
     */
    public ThreadPool threadPool() {
        return lifecycle.pool();
    }

    /**
     * Returns the context shared by the services.
     *
     * @return the context
     */
    public Context context() {
        return lifecycle.context();
    }

    /**
     * Returns the services of this entrypoint that have not been stopped separately.
     *
     * @return an immutable snapshot, in start order; empty once stopped
     */
    public List<Service> services() {
        return lifecycle.services();
    }

    /**
     * Starts more services at run time, with {@code PRE_START} / {@code POST_START} hooks receiving exactly
     * these. Blocks until they have started. If one fails, those of them that started are stopped again; the
     * rest of the entrypoint keeps running.
     *
     * @param services the services; duplicates collapse
     * @throws IllegalStateException if the entrypoint is not running, or a service belongs to a live entrypoint
     * @throws EntrypointException   if a start or a hook failed (cause: the first failure)
     */
    public void startServices(Service... services) {
        lifecycle.startMore(distinct(services));
    }

    /**
     * Stops some services at run time, with {@code PRE_STOP} / {@code POST_STOP} hooks receiving exactly these.
     * Blocks until they have stopped, at most the shutdown timeout. Services not running in this entrypoint are
     * ignored, so stopping twice is harmless; does nothing once the entrypoint is stopping.
     *
     * @param services the services
     * @throws IllegalStateException if the entrypoint is still starting
     * @throws EntrypointException   if a {@code stop} or a hook failed, or a service overran the timeout
     */
    public void stopServices(Service... services) {
        lifecycle.stopSome(distinct(services));
    }

    /**
     * Returns the value of a module option.
     *
     * @param option the option
     * @param <T>    its type
     * @return the value given to {@link Builder#set(Option, Object)}, else the option's default
     */
    public <T> T option(Option<T> option) {
        Objects.requireNonNull(option, "option");
        Object value = lifecycle.settings().options.get(option);
        return value == null ? option.defaultValue() : option.type().cast(value);
    }

    /**
     * Tells whether debug mode is on ({@link Builder#debug(boolean)}); modules read it to add their own checks.
     *
     * @return true in debug mode
     */
    public boolean debug() {
        return lifecycle.settings().debug;
    }

    /**
     * Returns how long the whole stop may take.
     *
     * @return the shutdown timeout
     */
    public Duration shutdownTimeout() {
        return lifecycle.settings().shutdownTimeout;
    }

    /**
     * Returns the identifier used in thread names, logs and JMX names, unique in this JVM.
     *
     * @return e.g. {@code "entrypoint-1"}
     */
    public String id() {
        return lifecycle.id();
    }

    @Override
    public String toString() {
        return lifecycle.toString();
    }

    private static List<Service> distinct(Service... services) {
        Objects.requireNonNull(services, "services");
        for (Service service : services) {
            Objects.requireNonNull(service, "services must not contain null");
        }
        return Arrays.stream(services).distinct().toList();
    }

    /**
     * Configures and starts an {@link Entrypoint}. Every option has aiomisc's default, which the
     * {@code AIOMISC_*} environment variables override when the builder is created; an explicit call overrides
     * both, and may be made once per option ({@link IllegalStateException} otherwise). Environment values follow
     * aiomisc: booleans are true for {@code 1, enable, enabled, on, true, yes} (any case), durations are seconds
     * as a decimal number, {@code AIOMISC_LOG_FORMAT} also accepts {@code stream} (PLAIN), {@code rich} and
     * {@code rich_tb} (COLOR) and {@code disabled} (no logging set-up).
     *
     * <p>Not thread-safe; {@link #start()} may be called again for another entrypoint with the same settings.
     */
    public static final class Builder {
        private final Settings settings;

        private Builder(EnvDefaults env) {
            this.settings = new Settings(env);
        }

        /**
         * Adds services; may be called several times. Duplicates collapse, as in aiomisc.
         *
         * @param services the services
         * @return this builder
         * @throws NullPointerException if a service is null
         */
        public Builder services(Service... services) {
            settings.addServices(services);
            return this;
        }

        /**
         * Sets the size of the entrypoint's thread pool ({@code AIOMISC_POOL_SIZE}).
         *
         * @param poolSize threads; default {@link ThreadPool#defaultSize()}, clamp(available processors, 4, 32)
         * @return this builder
         * @throws IllegalArgumentException if {@code poolSize < 1}
         */
        public Builder poolSize(int poolSize) {
            Checks.atLeast(poolSize, 1, "poolSize");
            return explicit("poolSize", s -> s.poolSize = poolSize);
        }

        /**
         * Sets the log level by aiomisc's names ({@code AIOMISC_LOG_LEVEL}).
         *
         * @param logLevel {@code debug, info, warning/warn, error, critical/fatal}, any case; default {@code info}
         * @return this builder
         * @throws IllegalArgumentException if the name is unknown
         */
        public Builder logLevel(String logLevel) {
            return logLevel(Settings.parseLevel(logLevel));
        }

        /**
         * Sets the log level.
         *
         * @param logLevel the level; default {@link LogConfig#DEFAULT_LEVEL}
         * @return this builder
         */
        public Builder logLevel(Level logLevel) {
            Objects.requireNonNull(logLevel, "logLevel");
            return explicit("logLevel", s -> {
                s.logLevel = logLevel;
                s.logLevelExplicit = true;
            });
        }

        /**
         * Sets the log format ({@code AIOMISC_LOG_FORMAT}).
         *
         * @param logFormat the format; default {@link LogFormat#AUTO}
         * @return this builder
         */
        public Builder logFormat(LogFormat logFormat) {
            Objects.requireNonNull(logFormat, "logFormat");
            return explicit("logFormat", s -> s.logFormat = logFormat);
        }

        /**
         * Turns buffered logging on or off ({@code AIOMISC_LOG_BUFFERING}).
         *
         * @param logBuffering true (default): records are written by a background thread
         * @return this builder
         */
        public Builder logBuffering(boolean logBuffering) {
            return explicit("logBuffering", s -> s.logBuffering = logBuffering);
        }

        /**
         * Sets the size of the log buffer ({@code AIOMISC_LOG_BUFFER}).
         *
         * @param logBufferSize records; default {@link LogConfig#DEFAULT_BUFFER_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if {@code logBufferSize} is not in 1 to {@link LogConfig#MAX_BUFFER_SIZE}
         */
        public Builder logBufferSize(int logBufferSize) {
            Checks.atLeast(logBufferSize, 1, "logBufferSize");
            if (logBufferSize > LogConfig.MAX_BUFFER_SIZE) {
                throw new IllegalArgumentException("logBufferSize must be <= " + LogConfig.MAX_BUFFER_SIZE + ", was "
                        + logBufferSize);
            }
            return explicit("logBufferSize", s -> s.logBufferSize = logBufferSize);
        }

        /**
         * Sets how often buffered log output is flushed ({@code AIOMISC_LOG_FLUSH}, seconds).
         *
         * @param logFlushInterval the interval; default {@link LogConfig#DEFAULT_FLUSH_INTERVAL}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder logFlushInterval(Duration logFlushInterval) {
            Checks.positive(logFlushInterval, "logFlushInterval");
            return explicit("logFlushInterval", s -> s.logFlushInterval = logFlushInterval);
        }

        /**
         * Chooses whether the entrypoint configures logging ({@code AIOMISC_LOG_CONFIG}).
         *
         * @param logConfig true (default): configure it at start and flush it at the end of the stop; false:
         *                  leave the logging set-up alone (tests, applications that configure it themselves)
         * @return this builder
         */
        public Builder logConfig(boolean logConfig) {
            return explicit("logConfig", s -> s.logConfig = logConfig);
        }

        /**
         * Turns debug mode on ({@code AIOMISC_DEBUG}): the DEBUG log level unless a level is set explicitly,
         * and checks that modules add (Netty leak detection PARANOID, slow event-loop task warnings).
         *
         * @param debug default false
         * @return this builder
         */
        public Builder debug(boolean debug) {
            return explicit("debug", s -> s.debug = debug);
        }

        /**
         * Sets how long the whole stop may take ({@code AIOMISC_SHUTDOWN_TIMEOUT}, seconds). Services still
         * running then are interrupted and reported; after SIGINT or SIGTERM the process then halts with exit
         * code 70, as aiomisc does.
         *
         * @param shutdownTimeout the timeout; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            Checks.positive(shutdownTimeout, "shutdownTimeout");
            return explicit("shutdownTimeout", s -> s.shutdownTimeout = shutdownTimeout);
        }

        /**
         * Chooses whether SIGINT and SIGTERM stop the entrypoint.
         *
         * @param catchSignals true (default): handle them (and stop on {@code System.exit}); false: leave
         *                     signals and JVM shutdown to the application
         * @return this builder
         */
        public Builder catchSignals(boolean catchSignals) {
            return explicit("catchSignals", s -> s.catchSignals = catchSignals);
        }

        /**
         * Sets a module option, read back with {@link Entrypoint#option(Option)}.
         *
         * @param option the option
         * @param value  its value
         * @param <T>    its type
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not an {@code option.type()}
         * @throws IllegalStateException    if the option was already set
         */
        public <T> Builder set(Option<T> option, T value) {
            Objects.requireNonNull(option, "option");
            Object checked = option.cast(value);
            if (settings.options.putIfAbsent(option, checked) != null) {
                throw new IllegalStateException("option " + option.name() + " was already set on this builder");
            }
            return this;
        }

        /**
         * Registers a dependency without a closer; see {@link #dependency(Key, ThrowingFunction, ThrowingConsumer)}.
         *
         * @param key     the key services ask for
         * @param factory builds it; may ask for other dependencies
         * @param <T>     its type
         * @return this builder
         * @throws IllegalStateException if {@code key} is already registered
         */
        public <T> Builder dependency(Key<T> key, ThrowingFunction<Dependencies, T> factory) {
            return register(new Registration<>(key, factory, null));
        }

        /**
         * Registers a dependency (the aiomisc-dependency plugin): built once, lazily, by the first service that
         * asks ({@link Service#dependency(Key)}), and closed after every service stopped, in reverse order of
         * construction.
         *
         * @param key     the key services ask for
         * @param factory builds it; may ask for other dependencies through its argument
         * @param closer  closes it
         * @param <T>     its type
         * @return this builder
         * @throws IllegalStateException if {@code key} is already registered
         */
        public <T> Builder dependency(Key<T> key, ThrowingFunction<Dependencies, T> factory,
                                      ThrowingConsumer<T> closer) {
            Objects.requireNonNull(closer, "closer");
            return register(new Registration<>(key, factory, closer));
        }

        private Builder register(Registration<?> registration) {
            if (settings.dependencies.putIfAbsent(registration.key(), registration) != null) {
                throw new IllegalStateException("a dependency is already registered for " + registration.key());
            }
            return this;
        }

        /**
         * Adds a receiver for this entrypoint's {@code PRE_START}, after the process-wide ones and plugins.
         *
         * @param receiver called with the services about to start; throwing fails the start
         * @return this builder
         */
        public Builder onPreStart(Consumer<LifecycleEvent> receiver) {
            return own(Hooks.Point.PRE_START, receiver);
        }

        /**
         * Adds a receiver for this entrypoint's {@code POST_START}.
         *
         * @param receiver called with the services that started; throwing fails the start
         * @return this builder
         */
        public Builder onPostStart(Consumer<LifecycleEvent> receiver) {
            return own(Hooks.Point.POST_START, receiver);
        }

        /**
         * Adds a receiver for this entrypoint's {@code PRE_STOP}.
         *
         * @param receiver called with the services about to stop; a failure is reported, the stop goes on
         * @return this builder
         */
        public Builder onPreStop(Consumer<LifecycleEvent> receiver) {
            return own(Hooks.Point.PRE_STOP, receiver);
        }

        /**
         * Adds a receiver for this entrypoint's {@code POST_STOP}.
         *
         * @param receiver called with the services that stopped; a failure is reported, the stop goes on
         * @return this builder
         */
        public Builder onPostStop(Consumer<LifecycleEvent> receiver) {
            return own(Hooks.Point.POST_STOP, receiver);
        }

        /** Applies an option the caller set explicitly; each may be set once per builder. */
        private Builder explicit(String option, Consumer<Settings> assignment) {
            settings.once(option);
            assignment.accept(settings);
            return this;
        }

        private Builder own(Hooks.Point point, Consumer<LifecycleEvent> receiver) {
            settings.own.get(point).connect(receiver);
            return this;
        }

        /** Where configured logging writes (tests); default {@code System.err}. */
        Builder logTarget(PrintStream target) {
            settings.logTarget = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Starts the entrypoint and its services; blocks until they have all started.
         *
         * @return the running entrypoint
         * @throws IllegalStateException if a service belongs to another live entrypoint
         * @throws EntrypointException   if a start or a start hook failed (everything is stopped again; the cause
         *                               is the first failure, later ones suppressed), or the entrypoint was
         *                               stopped while starting
         */
        public Entrypoint start() {
            Lifecycle lifecycle = new Lifecycle(settings.copy());
            lifecycle.start();
            return lifecycle.entrypoint();
        }

        /**
         * Starts the entrypoint, runs {@code main} on this thread, and stops it (aiomisc's {@code aiomisc.run}).
         *
         * @param main the program
         * @param <T>  the result type
         * @return what {@code main} returned
         * @throws Exception           what {@code main} threw (also the cause every {@code stop} receives), with
         *                             stop failures suppressed
         * @throws EntrypointException if the start or the stop failed, or a signal or a crash stopped the
         *                             entrypoint while {@code main} ran
         */
        public <T> T run(Callable<T> main) throws Exception {
            Objects.requireNonNull(main, "main");
            return MainRunner.runAndStop(start(), main);
        }
    }
}
