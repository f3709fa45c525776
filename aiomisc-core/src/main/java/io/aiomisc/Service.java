package io.aiomisc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A unit of lifecycle (aiomisc's {@code Service}): something an {@link Entrypoint} starts and stops together
 * with the other services, concurrently.
 *
 * <p>{@link #start()} runs on a virtual thread of its own, in one of two modes, as in aiomisc:
 * <ol>
 *   <li>it returns: the service is started, and {@link #stop(Throwable)} undoes what it did;</li>
 *   <li>it calls {@link #started()} (aiomisc's {@code start_event.set()}) and keeps running: stopping the
 *       service interrupts that thread and calls {@link #stop(Throwable)} at the same time. If {@code start()}
 *       later returns normally, its work simply ends and the service stays {@code RUNNING} until stopped; if it
 *       throws, the whole entrypoint stops with that exception as the cause.</li>
 * </ol>
 * {@code stop} is called exactly once for every service whose {@code start} completed (returned, or called
 * {@code started()}); a {@code start} that is interrupted before that must clean up itself, as a mode-2
 * service does. A service that does not end within the entrypoint's shutdown timeout is abandoned: its threads
 * are interrupted, their stack traces logged, and the entrypoint finishes its stop without it.
 *
 * <p>Configuration goes into constructor parameters (aiomisc's {@code __required__} is a required constructor
 * parameter in Java); validate them in the constructor and throw {@link IllegalArgumentException} naming the
 * parameter.
 *
 * <p>A service belongs to at most one running entrypoint at a time; once that entrypoint has stopped, the
 * service may join another one, starting again from {@link State#NEW}.
 *
 * <p>Thread-safety: {@link #state()}, {@link #name()}, {@link #context()} and {@link #entrypoint()} may be
 * called from any thread and never block.
 */
public abstract class Service {
    private static final VarHandle RUNNER;

    static {
        try {
            RUNNER = MethodHandles.lookup().findVarHandle(Service.class, "runner", ServiceRunner.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The states of a service, in lifecycle order. */
    public enum State {
        /** Not started (yet, or again: it may join a new entrypoint). */
        NEW,
        /** {@code start()} is running and has not signalled readiness. */
        STARTING,
        /** Started: {@code start()} returned or called {@code started()}. */
        RUNNING,
        /** Being stopped. */
        STOPPING,
        /** Stopped normally. */
        STOPPED,
        /** {@code start()} or {@code stop()} threw, or the service overran the shutdown timeout. */
        FAILED
    }

    // The attachment to the entrypoint that runs this service; null until the first start.
    @SuppressWarnings("unused") // accessed through RUNNER
    private volatile ServiceRunner runner;

    /** Creates a service in state {@link State#NEW}. */
    protected Service() {
    }

    /**
     * Starts the service; runs on a virtual thread of its own (see the class documentation for the two modes).
     * The entrypoint's thread pool is the default pool of {@code Threaded} in this thread.
     *
     * @throws Exception to fail the start: the entrypoint stops the services already started and its start
     *                   fails with this exception as the cause
     */
    protected abstract void start() throws Exception;

    /**
     * Stops the service; optional (the default does nothing). Called once, on a virtual thread of its own,
     * concurrently with the other services of the same phase.
     *
     * @param cause null on a normal stop, the failure that made the entrypoint stop, or a
     *              {@link ShutdownSignalException} naming the signal
     * @throws Exception logged and reported by the entrypoint; the other services still stop
     */
    protected void stop(Throwable cause) throws Exception {
    }

    /**
     * Tells the entrypoint that this service is up while {@link #start()} goes on running (aiomisc's
     * {@code start_event.set()}). Idempotent; may be called from any thread.
     *
     * @throws IllegalStateException if the service is not being started by an entrypoint
     */
    protected final void started() {
        attachment("signal started()").markStarted();
    }

    /**
     * Returns the lifecycle state; never blocks.
     *
     * @return the current state, {@link State#NEW} before the service joined an entrypoint
     */
    public final State state() {
        ServiceRunner current = (ServiceRunner) RUNNER.getVolatile(this);
        return current == null ? State.NEW : current.state();
    }

    /**
     * Returns the name used in logs, thread names and messages.
     *
     * @return the simple class name by default (the full name for anonymous classes)
     */
    public String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /**
     * Returns the start phase (beyond aiomisc): services of a lower phase start first, all of one phase
     * concurrently, and stop last, so a database pool can outlive the server that uses it.
     *
     * @return the phase; 0 by default
     */
    public int phase() {
        return 0;
    }

    /**
     * Returns the context of the entrypoint running this service.
     *
     * @return the context
     * @throws IllegalStateException if the service has never joined an entrypoint
     */
    public final Context context() {
        return attachment("use context()").lifecycle().context();
    }

    /**
     * Returns the entrypoint running (or that last ran) this service.
     *
     * @return the entrypoint
     * @throws IllegalStateException if the service has never joined an entrypoint
     */
    public final Entrypoint entrypoint() {
        return attachment("use entrypoint()").lifecycle().entrypoint();
    }

    /**
     * Returns a dependency registered on the entrypoint's builder, building it on first use (the
     * aiomisc-dependency plugin, built in). Blocks while its factory runs, here or in another thread.
     *
     * @param key the key the dependency was registered under
     * @param <T> its type
     * @return the dependency, one instance per entrypoint
     * @throws InterruptedException  if this thread is interrupted while waiting for another thread's factory
     * @throws EntrypointException   if no factory is registered for {@code key}, the factory failed, the
     *                               dependencies form a cycle (the message names it) or the entrypoint stopped
     * @throws IllegalStateException if the service has never joined an entrypoint
     */
    protected final <T> T dependency(Key<T> key) throws InterruptedException {
        return attachment("use dependency()").lifecycle().dependencies().get(key);
    }

    @Override
    public String toString() {
        return name() + "[" + state() + "]";
    }

    /** Binds this service to a runner of a new entrypoint; fails if it still belongs to a live one. */
    final ServiceRunner attach(ServiceRunner next) {
        while (true) {
            ServiceRunner current = (ServiceRunner) RUNNER.getVolatile(this);
            if (current != null && !current.lifecycle().isTerminated()) {
                throw new IllegalStateException(this + " already belongs to " + current.lifecycle().entrypoint()
                        + "; a service runs in one entrypoint at a time (stop that one, or create a new service)");
            }
            if (RUNNER.compareAndSet(this, current, next)) {
                return current;
            }
        }
    }

    /** Undoes {@link #attach} when the entrypoint gives up before starting anything. */
    final void detach(ServiceRunner expected, ServiceRunner previous) {
        RUNNER.compareAndSet(this, expected, previous);
    }

    final ServiceRunner runner() {
        return (ServiceRunner) RUNNER.getVolatile(this);
    }

    private ServiceRunner attachment(String action) {
        ServiceRunner current = (ServiceRunner) RUNNER.getVolatile(this);
        if (current == null) {
            throw new IllegalStateException("cannot " + action + ": " + this + " has not joined an entrypoint");
        }
        return current;
    }
}
