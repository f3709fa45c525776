package io.aiomisc.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The one process-wide handler of SIGINT and SIGTERM for every entrypoint that catches signals.
 *
 * <p>The first signal stops every registered entrypoint gracefully, on a thread of its own (the JVM's signal
 * thread must never block). A second SIGINT during that stop halts the JVM at once with code 130. A stop that
 * overruns its shutdown timeout halts with code 70, as aiomisc does. The handlers that were there before are put
 * back when the last entrypoint unregisters. A shutdown hook is the fallback for {@code System.exit} and for
 * runtimes where {@code sun.misc.Signal} is missing. {@code Runtime.halt} is used throughout because
 * {@code System.exit} from a shutdown hook deadlocks. Thread-safe.
 */
public final class SignalDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.Entrypoint");
    private static final List<String> SIGNALS = List.of("INT", "TERM");
    /** Exit code when a signal-triggered stop overran its timeout (aiomisc's EX_SOFTWARE). */
    public static final int EXIT_OVERRAN = 70;
    /** Exit code on a second SIGINT during the stop (128 + SIGINT). */
    public static final int EXIT_FORCED = 130;
    /** The least time the steps after the services (hooks, closers, the pool) get before the watchdog halts. */
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(5);

    /** An entrypoint as the dispatcher sees it. */
    public interface Target {
        /**
         * Starts a graceful stop caused by a signal; must not block.
         *
         * @param signal the signal's name, e.g. {@code "SIGINT"}
         * @return completes when the stop is over: true if some service overran the shutdown timeout
         */
        CompletableFuture<Boolean> stopOnSignal(String signal);

        /**
         * Returns how long the stop may take.
         *
         * @return the shutdown timeout
         */
        Duration shutdownTimeout();

        /** Flushes buffered log records before a halt; must not block for long. */
        void flushLogs();
    }

    private static final SignalDispatcher INSTANCE = new SignalDispatcher();

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Target> targets = new LinkedHashSet<>();
    private final Map<String, SignalHandler> previous = new HashMap<>();
    private boolean hookInstalled;
    private volatile boolean stopping;

    private SignalDispatcher() {
    }

    /**
     * Returns the dispatcher.
     *
     * @return the process-wide instance
     */
    public static SignalDispatcher instance() {
        return INSTANCE;
    }

    /**
     * Makes SIGINT and SIGTERM stop {@code target}; installs the handlers when it is the first target.
     *
     * @param target the entrypoint
     */
    public void register(Target target) {
        lock.lock();
        try {
            if (targets.add(target) && targets.size() == 1) {
                install();
            }
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("aiomisc-shutdown-hook")
                        .unstarted(this::onShutdown));
                hookInstalled = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets {@code target}; puts the previous handlers back when no target is left. Idempotent.
     *
     * @param target the entrypoint
     */
    public void unregister(Target target) {
        lock.lock();
        try {
            if (targets.remove(target) && targets.isEmpty()) {
                restore();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells whether our handlers are installed now (for tests and diagnostics).
     *
     * @return true while some entrypoint catches signals
     */
    public boolean installed() {
        lock.lock();
        try {
            return !previous.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void install() {
        for (String name : SIGNALS) {
            if (ProcStatus.isIgnored(name)) {
                LOG.warn("SIG{} is ignored by this process (started with nohup, or as a background job?): it will"
                        + " not stop the entrypoint", name);
                continue;
            }
            try {
                previous.put(name, Signal.handle(new Signal(name), this::onSignal));
            } catch (IllegalArgumentException | LinkageError e) {
                LOG.warn("cannot handle SIG{} ({}); the shutdown hook stops the entrypoint instead", name,
                        e.toString());
            }
        }
    }

    private void restore() {
        for (Map.Entry<String, SignalHandler> entry : previous.entrySet()) {
            try {
                Signal.handle(new Signal(entry.getKey()), entry.getValue());
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot restore the handler of SIG{}: {}", entry.getKey(), e.toString());
            }
        }
        previous.clear();
    }

    /** Runs on the JVM's signal thread: decide and hand off, never block. */
    private void onSignal(Signal signal) {
        String name = "SIG" + signal.getName();
        if (!stopping) {
            stopping = true;
            Thread.ofPlatform().daemon().name("aiomisc-signal-stop").start(() -> stopAll(name));
        } else if ("INT".equals(signal.getName())) {
            System.err.println("Second SIGINT during the shutdown: halting now (exit code " + EXIT_FORCED + ")");
            halt(EXIT_FORCED);
        } else {
            LOG.info("{} received while already shutting down; ignored (a second SIGINT halts at once)", name);
        }
    }

    private void stopAll(String signal) {
        LOG.info("Interrupt signal received ({}), shutting down...", signal);
        List<Target> snapshot;
        lock.lock();
        try {
            snapshot = new ArrayList<>(targets);
        } finally {
            lock.unlock();
        }
        Duration longest = Duration.ZERO;
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        for (Target target : snapshot) {
            stops.add(target.stopOnSignal(signal));
            if (target.shutdownTimeout().compareTo(longest) > 0) {
                longest = target.shutdownTimeout();
            }
        }
        boolean overran = false;
        try {
            // Each stop abandons its late services at its own deadline and halts itself soon after; this
            // watchdog is only for hooks or closers that hang past that.
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(watchdog(longest).toNanos(), TimeUnit.NANOSECONDS);
            for (CompletableFuture<Boolean> stop : stops) {
                overran |= stop.join();
            }
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            overran = true;
        }
        if (overran) {
            // Normally the entrypoint halts itself when its services overran; this is for a stop that hangs
            // past them (a hook, a closer).
            LOG.error("Shutdown did not happen in {} ms, aborting (exit code {})", longest.toMillis(), EXIT_OVERRAN);
            snapshot.forEach(Target::flushLogs);
            halt(EXIT_OVERRAN);
        }
        stopping = false;
    }

    /** The shutdown timeout plus a grace for the steps after it: at least {@link #WATCHDOG_GRACE}. */
    private static Duration watchdog(Duration timeout) {
        return timeout.plus(timeout.compareTo(WATCHDOG_GRACE) > 0 ? timeout : WATCHDOG_GRACE);
    }

    /**
     * Ends the JVM at once with {@code status}, skipping shutdown hooks ({@code System.exit} from a shutdown
     * hook deadlocks). Flush logs before.
     *
     * @param status the exit code
     */
    public static void halt(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** The fallback for System.exit and for runtimes without signal handling: stop whoever is still running. */
    private void onShutdown() {
        List<Target> snapshot;
        lock.lock();
        try {
            snapshot = new ArrayList<>(targets);
        } finally {
            lock.unlock();
        }
        if (snapshot.isEmpty() || stopping) {
            return;
        }
        stopping = true;
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (Target target : snapshot) {
            stops.add(target.stopOnSignal("shutdown hook"));
            if (target.shutdownTimeout().compareTo(longest) > 0) {
                longest = target.shutdownTimeout();
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(watchdog(longest).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            snapshot.forEach(Target::flushLogs);
        }
    }
}
