package io.aiomisc;

import io.aiomisc.internal.DependencyResolver;
import io.aiomisc.internal.SignalDispatcher;
import io.aiomisc.log.LogHandle;
import io.aiomisc.log.Logs;
import io.aiomisc.threads.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an entrypoint owns besides its services: logging, the pool, the context, the dependencies, its place
 * in the registry of live entrypoints and in the signal dispatcher. Opened before the first service starts,
 * closed after the last one stopped, logging last of all.
 */
final class Resources {
    private static final Logger LOG = LoggerFactory.getLogger(Entrypoint.class);

    private final Settings settings;
    private final Context context;
    private final DependencyResolver dependencies;
    private volatile ThreadPool pool;
    private volatile LogHandle logHandle;

    Resources(String id, Settings settings) {
        this.settings = settings;
        this.context = new Context(id);
        this.dependencies = new DependencyResolver(id, settings.dependencies);
    }

    Context context() {
        return context;
    }

    DependencyResolver dependencies() {
        return dependencies;
    }

    ThreadPool pool() {
        return pool;
    }

    /** The configured logging, or null when the entrypoint leaves logging alone; published as statistics. */
    LogHandle logHandle() {
        return logHandle;
    }

    /**
     * Configures logging, creates the pool, and registers the entrypoint. On failure nothing stays open.
     *
     * @param owner the entrypoint's engine
     */
    void open(Lifecycle owner) {
        try {
            if (settings.logConfig) {
                logHandle = Logs.configure(settings.toLogConfig());
            }
            pool = new ThreadPool(settings.poolSize, poolName(owner));
        } catch (RuntimeException | Error e) {
            closeLog();
            throw e;
        }
        CurrentEntrypoint.register(owner, poolName(owner));
        if (settings.catchSignals) {
            SignalDispatcher.instance().register(owner);
        }
    }

    /**
     * Closes everything but logging, after the services stopped: dependencies in reverse order, the context,
     * the pool within the deadline, the registrations.
     *
     * @return true if pool tasks overran the deadline
     */
    boolean close(Lifecycle owner, CurrentEntrypoint.Cell cell, long deadlineNanos, Failures failures) {
        for (EntrypointException closing : dependencies.close()) {
            LOG.error("{}", closing.getMessage(), closing.getCause());
            failures.add(owner, closing.getMessage(), closing.getCause());
        }
        context.close();
        boolean late = PoolShutdown.shutdown(pool, deadlineNanos, settings.shutdownTimeout, failures, owner);
        if (settings.catchSignals) {
            SignalDispatcher.instance().unregister(owner);
        }
        CurrentEntrypoint.unregister(owner, poolName(owner));
        cell.clear();
        return late;
    }

    private static String poolName(Lifecycle owner) {
        return owner.id() + "-pool";
    }

    /** Flushes buffered records; for a halt that skips the orderly close. */
    void flushLog() {
        LogHandle handle = logHandle;
        if (handle != null) {
            handle.flush();
        }
    }

    /** Flushes and closes the configured logging; the very last step of the stop. */
    void closeLog() {
        LogHandle handle = logHandle;
        if (handle != null) {
            handle.close();
        }
    }
}
