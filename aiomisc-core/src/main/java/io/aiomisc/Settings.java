package io.aiomisc;

import io.aiomisc.internal.DependencyResolver.Registration;
import io.aiomisc.internal.EnvDefaults;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogFormat;
import io.aiomisc.log.Logs;
import io.aiomisc.threads.ThreadPool;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.event.Level;

/**
 * The configuration an {@link Entrypoint.Builder} collects: aiomisc's defaults, overridden by the
 * {@code AIOMISC_*} environment variables, overridden by explicit builder calls (each allowed once).
 * Not thread-safe, like the builder; the entrypoint gets its own copy.
 */
final class Settings {
    final List<Service> services = new ArrayList<>();
    int poolSize = ThreadPool.defaultSize();
    Level logLevel = LogConfig.DEFAULT_LEVEL;
    boolean logLevelExplicit;
    LogFormat logFormat = LogFormat.AUTO;
    boolean logBuffering = true;
    int logBufferSize = LogConfig.DEFAULT_BUFFER_SIZE;
    Duration logFlushInterval = LogConfig.DEFAULT_FLUSH_INTERVAL;
    boolean logConfig = true;
    boolean debug;
    Duration shutdownTimeout = Entrypoint.DEFAULT_SHUTDOWN_TIMEOUT;
    boolean catchSignals = true;
    boolean plugins = true;
    PrintStream logTarget;
    final Map<Option<?>, Object> options = new HashMap<>();
    final Map<Key<?>, Registration<?>> dependencies = new LinkedHashMap<>();
    final Map<Hooks.Point, Signal<LifecycleEvent>> global = new EnumMap<>(Hooks.Point.class);
    final Map<Hooks.Point, Signal<LifecycleEvent>> own = new EnumMap<>(Hooks.Point.class);
    private final Set<String> explicit = new HashSet<>();

    Settings(EnvDefaults env) {
        // An unset variable (null) keeps aiomisc's default.
        poolSize = Objects.requireNonNullElse(env.poolSize(), poolSize);
        logLevel = Objects.requireNonNullElse(env.logLevel(), logLevel);
        logFormat = Objects.requireNonNullElse(env.logFormat(), logFormat);
        logBuffering = Objects.requireNonNullElse(env.logBuffering(), logBuffering);
        logBufferSize = Objects.requireNonNullElse(env.logBufferSize(), logBufferSize);
        logFlushInterval = Objects.requireNonNullElse(env.logFlushInterval(), logFlushInterval);
        logConfig = Objects.requireNonNullElse(env.logConfig(), logConfig);
        debug = Objects.requireNonNullElse(env.debug(), debug);
        shutdownTimeout = Objects.requireNonNullElse(env.shutdownTimeout(), shutdownTimeout);
        plugins = !env.noPlugins();
        global.put(Hooks.Point.PRE_START, Entrypoint.PRE_START.copy());
        global.put(Hooks.Point.POST_START, Entrypoint.POST_START.copy());
        global.put(Hooks.Point.PRE_STOP, Entrypoint.PRE_STOP.copy());
        global.put(Hooks.Point.POST_STOP, Entrypoint.POST_STOP.copy());
        for (Hooks.Point point : Hooks.Point.values()) {
            own.put(point, new Signal<>());
        }
    }

    private Settings(Settings other) {
        services.addAll(other.services);
        poolSize = other.poolSize;
        logLevel = other.logLevel;
        logLevelExplicit = other.logLevelExplicit;
        logFormat = other.logFormat;
        logBuffering = other.logBuffering;
        logBufferSize = other.logBufferSize;
        logFlushInterval = other.logFlushInterval;
        logConfig = other.logConfig;
        debug = other.debug;
        shutdownTimeout = other.shutdownTimeout;
        catchSignals = other.catchSignals;
        plugins = other.plugins;
        logTarget = other.logTarget;
        options.putAll(other.options);
        dependencies.putAll(other.dependencies);
        other.global.forEach((point, signal) -> global.put(point, signal.copy()));
        other.own.forEach((point, signal) -> own.put(point, signal.copy()));
    }

    /** A copy for one entrypoint, so that reusing the builder does not share hook signals. */
    Settings copy() {
        return new Settings(this);
    }

    /** Marks an option as set by the builder; setting it twice is a mistake the builder reports. */
    void once(String option) {
        if (!explicit.add(option)) {
            throw new IllegalStateException(option + " was already set on this builder");
        }
    }

    void addServices(Service... more) {
        Objects.requireNonNull(more, "services");
        Set<Service> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(services);
        for (Service service : more) {
            Objects.requireNonNull(service, "services must not contain null");
            // Duplicates collapse, as in aiomisc (which keeps its services in a set).
            if (known.add(service)) {
                services.add(service);
            }
        }
    }

    static Level parseLevel(String level) {
        Objects.requireNonNull(level, "logLevel");
        try {
            return Logs.parseLevel(level);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("logLevel: " + e.getMessage(), e);
        }
    }

    /** The level actually configured: an explicit level wins, else {@code debug} means DEBUG. */
    Level effectiveLevel() {
        return debug && !logLevelExplicit ? Level.DEBUG : logLevel;
    }

    LogConfig toLogConfig() {
        LogConfig.Builder builder = LogConfig.builder()
                .level(effectiveLevel())
                .format(logFormat)
                .buffered(logBuffering)
                .bufferSize(logBufferSize)
                .flushInterval(logFlushInterval);
        if (logTarget != null) {
            builder.target(logTarget);
        }
        return builder.build();
    }
}
