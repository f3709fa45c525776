package io.aiomisc;

import io.aiomisc.Service.State;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service inside one entrypoint: its start thread, the {@code started()} signal, the single
 * {@code stop(cause)} call and abandonment at the deadline. The state lives in one volatile field.
 */
final class ServiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(Entrypoint.class);
    private static final VarHandle STATE;
    private static final VarHandle STOPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ServiceRunner.class, "state", State.class);
            STOPPED = lookup.findVarHandle(ServiceRunner.class, "stopped", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether a service class overrides {@code stop}: the no-op default needs no thread of its own. */
    private static final ClassValue<Boolean> OVERRIDES_STOP = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Service.class; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod("stop", Throwable.class);
                    return true;
                } catch (NoSuchMethodException e) {
                    // not declared here; look further up
                }
            }
            return false;
        }
    };

    private final Service service;
    private final Lifecycle lifecycle;
    /** Completes normally once started, exceptionally when the start failed or was stopped first. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completes when the start thread has left {@code start()}. */
    private final CompletableFuture<Void> startEnded = new CompletableFuture<>();
    @SuppressWarnings("unused") // accessed through STATE
    private volatile State state = State.NEW;
    @SuppressWarnings("unused") // accessed through STOPPED
    private volatile CompletableFuture<Void> stopped;
    private volatile Thread startThread;
    private volatile Thread stopThread;
    private volatile boolean stopRequested;
    private volatile boolean failed;
    private volatile boolean abandoned;

    ServiceRunner(Service service, Lifecycle lifecycle) {
        this.service = service;
        this.lifecycle = lifecycle;
    }

    Service service() {
        return service;
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    State state() {
        return (State) STATE.getVolatile(this);
    }

    /**
     * Starts {@code start()} on a new virtual thread.
     *
     * @return completes normally once the service is up, exceptionally if its start failed or it was stopped
     */
    CompletableFuture<Void> launch() {
        STATE.setVolatile(this, State.STARTING);
        Thread thread = lifecycle.newThread("aiomisc-start-" + service.name(), this::runStart);
        // Publish the thread, then look for a stop; stop() does the opposite, so one of us sees the other.
        startThread = thread;
        if (stopRequested) {
            STATE.compareAndSet(this, State.STARTING, State.STOPPED);
            ready.completeExceptionally(new CancellationException(service + " was stopped before it started"));
            startEnded.complete(null);
            return ready;
        }
        thread.start();
        return ready;
    }

    private void runStart() {
        try {
            service.start();
            markStarted();
        } catch (Throwable error) {
            startEnded(error);
        } finally {
            startEnded.complete(null);
        }
    }

    void markStarted() {
        if (!ready.isDone()) {
            // RUNNING before the waiters wake up, so whoever sees the start complete sees RUNNING too.
            STATE.compareAndSet(this, State.STARTING, State.RUNNING);
            ready.complete(null);
        }
    }

    private void startEnded(Throwable error) {
        if (stopRequested) {
            // The stop interrupted it: the expected way for a mode-2 service to end.
            LOG.debug("{} start() ended on stop: {}", service, error.toString());
            ready.completeExceptionally(new CancellationException(service + " was stopped while starting"));
            return;
        }
        failed = true;
        if (!ready.isDone()) {
            // Recorded before the waiters learn of it, so the start's exception finds it.
            STATE.setVolatile(this, State.FAILED);
            LOG.error("{} failed to start", service, error);
            lifecycle.failures().add(this, service + " failed to start", error);
            if (ready.completeExceptionally(error)) {
                return;
            }
        }
        LOG.error("{} crashed after it started; stopping {}", service, lifecycle.entrypoint(), error);
        lifecycle.failures().add(this, service + " crashed after it started", error);
        lifecycle.serviceCrashed(error);
    }

    /**
     * Stops the service once: interrupts a running start, and calls {@code stop(cause)} if the service started
     * (now, or when a start that ignores the interruption completes after all). Idempotent.
     *
     * @param cause the cause handed to {@code stop}
     * @return completes when the start thread has ended and {@code stop} returned, or on abandonment
     */
    CompletableFuture<Void> stop(Throwable cause) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!STOPPED.compareAndSet(this, null, mine)) {
            return stopFuture();
        }
        stopRequested = true;
        if (startThread == null || state() == State.FAILED) {
            // Never launched, or its start failed on its own: there is nothing to stop.
            mine.complete(null);
            return mine;
        }
        STATE.compareAndSet(this, State.STARTING, State.STOPPING);
        STATE.compareAndSet(this, State.RUNNING, State.STOPPING);
        if (!startEnded.isDone()) {
            startThread.interrupt();
        }
        CompletableFuture<Void> stopCall = ready.handle((ok, error) -> error == null)
                .thenCompose(wasStarted -> wasStarted && OVERRIDES_STOP.get(service.getClass())
                        ? callStop(cause) : CompletableFuture.completedFuture(null));
        CompletableFuture.allOf(startEnded, stopCall).whenComplete((ok, error) -> finish(mine));
        return mine;
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Void> stopFuture() {
        return (CompletableFuture<Void>) STOPPED.getVolatile(this);
    }

    private CompletableFuture<Void> callStop(Throwable cause) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = lifecycle.newThread("aiomisc-stop-" + service.name(), () -> {
            try {
                service.stop(cause);
            } catch (Throwable error) {
                failed = true;
                LOG.error("{} failed to stop", service, error);
                lifecycle.failures().add(this, service + " failed to stop", error);
            } finally {
                done.complete(null);
            }
        });
        stopThread = thread;
        thread.start();
        return done;
    }

    private void finish(CompletableFuture<Void> mine) {
        if (!abandoned) {
            STATE.setVolatile(this, failed ? State.FAILED : State.STOPPED);
        }
        mine.complete(null);
    }

    /**
     * Gives up on a service that did not stop in time: interrupts its threads again, logs where they are stuck
     * and marks it FAILED.
     *
     * @param timeout the timeout that passed, for the message
     * @return the failure to report, or null if the service had stopped after all
     */
    Throwable abandon(Duration timeout) {
        CompletableFuture<Void> mine = stopFuture();
        if (mine == null || mine.isDone()) {
            return null;
        }
        String who = service.toString();
        abandoned = true;
        failed = true;
        STATE.setVolatile(this, State.FAILED);
        TimeoutException error = null;
        for (Thread thread : new Thread[] {startEnded.isDone() ? null : startThread, stopThread}) {
            if (thread == null || !thread.isAlive()) {
                continue;
            }
            TimeoutException stuck = new TimeoutException(who + " did not stop within " + millis(timeout)
                    + " ms; abandoned its thread " + thread.getName() + ", stuck at:");
            stuck.setStackTrace(thread.getStackTrace());
            thread.interrupt();
            if (error == null) {
                error = stuck;
            } else {
                error.addSuppressed(stuck);
            }
        }
        if (error == null) {
            error = new TimeoutException(who + " did not stop within " + millis(timeout) + " ms");
        }
        LOG.warn("{}", error.getMessage(), error);
        lifecycle.failures().add(this, who + " was abandoned", error);
        mine.complete(null);
        return error;
    }

    private static long millis(Duration timeout) {
        return timeout.toMillis();
    }

    @Override
    public String toString() {
        return "ServiceRunner[" + service + "]";
    }
}
