package io.aiomisc;

import io.aiomisc.internal.DependencyResolver;
import io.aiomisc.internal.PluginLoader;
import io.aiomisc.internal.SignalDispatcher;
import io.aiomisc.threads.ThreadPool;
import io.aiomisc.threads.Threaded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind one {@link Entrypoint}: its resources (pool, logging, context, dependencies, hooks) and
 * the sequences that start, change and stop its services; the state and the set of running services are kept
 * by {@link LifecycleState}. The start and the stop run on the calling thread; a stop that a service, a signal
 * or a crash asks for runs on a thread of its own. Thread-safe.
 */
final class Lifecycle implements SignalDispatcher.Target {
    private static final Logger LOG = LoggerFactory.getLogger(Entrypoint.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String id = "entrypoint-" + IDS.incrementAndGet();
    private final Settings settings;
    private final Entrypoint entrypoint;
    private final Resources resources;
    private final Hooks hooks;
    private final Failures failures = new Failures();
    private final CurrentEntrypoint.Cell cell = new CurrentEntrypoint.Cell(this);
    private final LifecycleState state = new LifecycleState();
    private final MainBodies mains = new MainBodies();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean overran;
    private volatile boolean preStartFired;

    Lifecycle(Settings settings) {
        this.settings = settings;
        this.entrypoint = new Entrypoint(this);
        this.resources = new Resources(id, settings);
        this.hooks = new Hooks(settings.global, settings.own, StatisticsPlugin.withBuiltIn(this, resources,
                settings.plugins ? PluginLoader.instances() : List.of()));
    }

    String id() {
        return id;
    }

    Settings settings() {
        return settings;
    }

    Entrypoint entrypoint() {
        return entrypoint;
    }

    Context context() {
        return resources.context();
    }

    DependencyResolver dependencies() {
        return resources.dependencies();
    }

    Failures failures() {
        return failures;
    }

    ThreadPool pool() {
        return resources.pool();
    }

    Entrypoint.State state() {
        return state.get();
    }

    boolean isTerminated() {
        return state.get() == Entrypoint.State.STOPPED;
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    List<Service> services() {
        return state.services();
    }

    /** A virtual thread that sees this entrypoint as current and its pool as {@code Threaded}'s default. */
    Thread newThread(String name, Runnable body) {
        return Thread.ofVirtual().name(name).unstarted(() -> {
            try (CurrentEntrypoint.Scope scope = bindHere()) {
                body.run();
            }
        });
    }

    CurrentEntrypoint.Scope bindHere() {
        var poolBinding = Threaded.bindDefaultPool(resources.pool());
        CurrentEntrypoint.Scope scope = CurrentEntrypoint.bind(cell);
        return () -> {
            scope.close();
            poolBinding.close();
        };
    }

    /**
     * Whether this thread is one the entrypoint runs (where waiting for the stop could deadlock): one bound to it
     * (services, hooks, what they start), or a worker of its pool, which is bound to nothing.
     */
    boolean isOwnThread() {
        Lifecycle bound = CurrentEntrypoint.bound();
        boolean own = bound == this || bound == null && CurrentEntrypoint.poolOfThisThread() == this;
        return own && !mains.contains(Thread.currentThread());
    }

    // ---------------------------------------------------------------------------------------------- start

    /** Starts everything; on failure rolls back and throws. Runs on the builder's caller. */
    void start() {
        long began = System.nanoTime();
        List<ServiceRunner> initial = attach(settings.services);
        try {
            resources.open(this);
        } catch (RuntimeException | Error e) {
            // Nothing started: release the services for another entrypoint and give up.
            state.stopped();
            terminated.complete(null);
            throw e;
        }
        hooks.freeze();
        if (LOG.isDebugEnabled() && !hooks.plugins().isEmpty()) {
            LOG.debug("{} plugins: {}", id,
                    hooks.plugins().stream().map(plugin -> plugin.getClass().getName()).toList());
        }
        Phases.Outcome outcome = startServices(initial, this);
        if (state.finishStart(outcome == Phases.Outcome.STARTED)) {
            LOG.info("{} started {} services in {} ms", id, initial.size(), millisSince(began));
            return;
        }
        Throwable cause = outcome == Phases.Outcome.FAILED ? failures.first() : state.stopCause();
        state.completeStopRequest(cause);
        teardown(cause);
        EntrypointException failure = failures.take(id + " failed to start", source -> true);
        if (failure == null) {
            failure = new EntrypointException(id + " was stopped while starting",
                    cause != null ? cause : new CancellationException("stop() was called during the start"));
        }
        throw failure;
    }

    private List<ServiceRunner> attach(List<Service> services) {
        List<ServiceRunner> attached = new ArrayList<>(services.size());
        List<ServiceRunner> previous = new ArrayList<>(services.size());
        try {
            for (Service service : services) {
                ServiceRunner runner = new ServiceRunner(service, this);
                previous.add(service.attach(runner));
                attached.add(runner);
            }
        } catch (IllegalStateException e) {
            for (int i = 0; i < attached.size(); i++) {
                attached.get(i).service().detach(attached.get(i), previous.get(i));
            }
            throw e;
        }
        state.add(attached);
        return attached;
    }

    /** PRE_START, the services phase by phase, POST_START; failures are recorded under {@code source}. */
    private Phases.Outcome startServices(List<ServiceRunner> subset, Object source) {
        LifecycleEvent event = new LifecycleEvent(entrypoint, servicesOf(subset));
        try (CurrentEntrypoint.Scope scope = bindHere()) {
            preStartFired = true;
            if (!hooks.fire(Hooks.Point.PRE_START, event, failures, source)) {
                return Phases.Outcome.FAILED;
            }
            Phases.Outcome outcome = Phases.start(subset, state.stopRequest());
            if (outcome == Phases.Outcome.STARTED && !hooks.fire(Hooks.Point.POST_START, event, failures, source)) {
                return Phases.Outcome.FAILED;
            }
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(source, "the thread starting services of " + id + " was interrupted", e);
            return Phases.Outcome.FAILED;
        }
    }

    /** {@link Entrypoint#startServices}: starts a subset at run time; rolls it back if it fails. */
    void startMore(List<Service> more) {
        List<ServiceRunner> subset = state.whileRunning(
                () -> entrypoint + " is not running: cannot start " + more, () -> attach(more));
        Object token = new Object();
        Set<Object> mine = identitySet(subset);
        mine.add(token);
        Predicate<Object> sources = mine::contains;
        Phases.Outcome outcome = startServices(subset, token);
        if (outcome == Phases.Outcome.STARTED) {
            return;
        }
        if (outcome == Phases.Outcome.STOP_REQUESTED) {
            // The whole entrypoint is stopping and stops these services too.
            Throwable cause = state.stopCause();
            throw new EntrypointException(id + " stopped while starting " + more,
                    cause != null ? cause : new CancellationException("the entrypoint was stopped"));
        }
        stopSubset(subset, failures.firstOf(sources), token);
        throw failures.take(id + " failed to start " + more, sources);
    }

    // ----------------------------------------------------------------------------------------------- stop

    /** {@link Entrypoint#stopServices}: stops a subset at run time. */
    void stopSome(List<Service> some) {
        List<ServiceRunner> subset = state.detachWhileRunning(identitySet(some),
                () -> entrypoint + " is still starting: cannot stop " + some);
        if (subset.isEmpty()) {
            return;
        }
        Object token = new Object();
        Set<Object> mine = identitySet(subset);
        mine.add(token);
        stopSubset(subset, null, token);
        EntrypointException failure = failures.take(id + " failed to stop " + some, mine::contains);
        if (failure != null) {
            throw failure;
        }
    }

    private void stopSubset(List<ServiceRunner> subset, Throwable cause, Object token) {
        LifecycleEvent event = new LifecycleEvent(entrypoint, servicesOf(subset));
        try (CurrentEntrypoint.Scope scope = bindHere()) {
            hooks.fire(Hooks.Point.PRE_STOP, event, failures, token);
            Phases.stop(subset, cause, System.nanoTime() + settings.shutdownTimeout.toNanos(),
                    settings.shutdownTimeout);
            hooks.fire(Hooks.Point.POST_STOP, event, failures, token);
        }
        state.remove(subset);
    }

    /**
     * Stops with {@code cause}: inline on a caller outside the entrypoint, on a new thread when called from
     * one of its own threads (where waiting would deadlock); then waits for the end, unless on an own thread.
     *
     * @return true if the caller waited for the end
     */
    boolean stop(Throwable cause) {
        boolean own = isOwnThread();
        if (state.requestStop(cause) == LifecycleState.Decision.PERFORM) {
            if (own) {
                stopAsync(cause);
            } else {
                teardown(cause);
            }
        }
        if (own) {
            return false;
        }
        terminated.join();
        return true;
    }

    void serviceCrashed(Throwable error) {
        if (state.requestStop(error) == LifecycleState.Decision.PERFORM) {
            stopAsync(error);
        }
    }

    private void stopAsync(Throwable cause) {
        Thread.ofVirtual().name(id + "-stop").start(() -> teardown(cause));
    }

    @Override
    public CompletableFuture<Boolean> stopOnSignal(String signal) {
        ShutdownSignalException cause = new ShutdownSignalException(signal);
        if (state.requestStop(cause) == LifecycleState.Decision.PERFORM) {
            stopAsync(cause);
        }
        return terminated.thenApply(done -> overran);
    }

    @Override
    public Duration shutdownTimeout() {
        return settings.shutdownTimeout;
    }

    @Override
    public void flushLogs() {
        resources.flushLog();
    }

    /** The one stop: hooks, services by phase within the deadline, dependencies, context, pool, logging. */
    private void teardown(Throwable cause) {
        try {
            stopEverything(cause);
        } catch (RuntimeException | Error unexpected) {
            LOG.error("the stop of {} failed unexpectedly", id, unexpected);
            failures.add(this, "the stop failed unexpectedly", unexpected);
            state.stopped();
        } finally {
            // Whatever happened, nobody may wait for this stop forever.
            terminated.complete(null);
        }
    }

    private void stopEverything(Throwable cause) {
        long began = System.nanoTime();
        long deadline = began + settings.shutdownTimeout.toNanos();
        mains.interruptAllBut(state.stopOrigin());
        List<ServiceRunner> toStop = state.runnersToStop();
        LifecycleEvent event = new LifecycleEvent(entrypoint, servicesOf(toStop));
        boolean late;
        try (CurrentEntrypoint.Scope scope = bindHere()) {
            if (preStartFired) {
                hooks.fire(Hooks.Point.PRE_STOP, event, failures, this);
            }
            late = Phases.stop(toStop, cause, deadline, settings.shutdownTimeout);
            if (preStartFired) {
                hooks.fire(Hooks.Point.POST_STOP, event, failures, this);
            }
        }
        late |= resources.close(this, cell, deadline, failures);
        overran = late;
        state.stopped();
        LOG.info("{} stopped in {} ms", id, millisSince(began));
        if (late && cause instanceof ShutdownSignalException signal && signal.fromSignal()) {
            // Before anyone learns that the stop is over: main could otherwise end the JVM with its own code.
            LOG.error("Shutdown did not happen in {} ms, aborting (exit code {})",
                    settings.shutdownTimeout.toMillis(), SignalDispatcher.EXIT_OVERRAN);
            resources.closeLog();
            SignalDispatcher.halt(SignalDispatcher.EXIT_OVERRAN);
        }
        resources.closeLog();
        terminated.complete(null);
    }

    // ---------------------------------------------------------------------------------------------- mains

    MainBodies mains() {
        return mains;
    }

    /** Registers a main body; under the lock, so a stop that begins later is sure to interrupt it. */
    void enterMain(Thread thread) {
        state.whileRunning(() -> entrypoint + " is not running: cannot run a main body", () -> {
            mains.enter(thread);
            return thread;
        });
    }

    Throwable stopCause() {
        return state.stopCause();
    }

    boolean stoppedByOtherThan(Thread thread) {
        return state.stoppedByOtherThan(thread);
    }

    private static List<Service> servicesOf(List<ServiceRunner> runners) {
        return runners.stream().map(ServiceRunner::service).toList();
    }

    private static Set<Object> identitySet(List<?> items) {
        Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(items);
        return set;
    }

    private static long millisSince(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }

    @Override
    public String toString() {
        return "Entrypoint[" + id + ", " + state.get() + "]";
    }
}
