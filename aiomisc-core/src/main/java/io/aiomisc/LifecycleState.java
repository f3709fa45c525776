package io.aiomisc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state of one entrypoint and the runners of its live services, changed together under one lock, and the
 * arbitration of its stop: the first request wins, whoever asks (a caller, a signal, a crash). Reading the
 * state never locks. Thread-safe.
 */
final class LifecycleState {

    /** What the caller of {@link #requestStop} has to do. */
    enum Decision {
        PERFORM,
        WAIT
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<ServiceRunner> runners = new ArrayList<>();
    // Taken out by stopServices and still stopping: no longer listed, but the entrypoint's stop waits for them.
    private final List<ServiceRunner> leaving = new ArrayList<>();
    /** Completes with the stop's cause (null for a plain stop) once a stop was asked for. */
    private final CompletableFuture<Throwable> stopRequest = new CompletableFuture<>();
    private volatile Entrypoint.State state = Entrypoint.State.STARTING;
    private volatile Thread stopOrigin;

    Entrypoint.State get() {
        return state;
    }

    /** Completes when a stop is asked for; a start in progress watches it (and must not complete it). */
    CompletableFuture<Throwable> stopRequest() {
        return stopRequest;
    }

    /** Records the stop of a start that did not finish, unless one was asked for already. */
    void completeStopRequest(Throwable cause) {
        stopRequest.complete(cause);
    }

    /** The cause of the stop asked for (null for a plain stop, or while none was asked for). */
    Throwable stopCause() {
        return stopRequest.getNow(null);
    }

    /** The thread that asked for the stop, or null while none did. */
    Thread stopOrigin() {
        return stopOrigin;
    }

    boolean stoppedByOtherThan(Thread thread) {
        return stopRequest.isDone() && stopOrigin != thread;
    }

    List<Service> services() {
        lock.lock();
        try {
            return runners.stream().map(ServiceRunner::service).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The runners the entrypoint's stop stops: the live ones, and those {@code stopServices} still stops. */
    List<ServiceRunner> runnersToStop() {
        lock.lock();
        try {
            List<ServiceRunner> all = new ArrayList<>(runners);
            all.addAll(leaving);
            return all;
        } finally {
            lock.unlock();
        }
    }

    void add(List<ServiceRunner> more) {
        lock.lock();
        try {
            runners.addAll(more);
        } finally {
            lock.unlock();
        }
    }

    void remove(List<ServiceRunner> some) {
        lock.lock();
        try {
            runners.removeAll(some);
            leaving.removeAll(some);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the start: RUNNING if every service started and nobody asked for a stop meanwhile, else STOPPING
     * (the starter then rolls back).
     *
     * @return true if the entrypoint is now RUNNING
     */
    boolean finishStart(boolean allStarted) {
        lock.lock();
        try {
            if (allStarted && !stopRequest.isDone()) {
                state = Entrypoint.State.RUNNING;
                return true;
            }
            state = Entrypoint.State.STOPPING;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} if the entrypoint is RUNNING, under the lock, so that a stop cannot begin in between.
     *
     * @throws IllegalStateException with the {@code refusal} message if it is not running
     */
    <T> T whileRunning(Supplier<String> refusal, Supplier<T> action) {
        lock.lock();
        try {
            if (state != Entrypoint.State.RUNNING) {
                throw new IllegalStateException(refusal.get());
            }
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the runners of these services out of the entrypoint's list, if it is RUNNING; until {@link #remove}
     * they are {@linkplain #runnersToStop() still waited for} by the entrypoint's stop.
     *
     * @return the runners taken out; empty once the entrypoint is stopping (its stop takes care of them)
     * @throws IllegalStateException with the {@code refusal} message while the entrypoint is starting
     */
    List<ServiceRunner> detachWhileRunning(Set<Object> services, Supplier<String> refusal) {
        List<ServiceRunner> detached = new ArrayList<>();
        lock.lock();
        try {
            if (state == Entrypoint.State.STARTING) {
                throw new IllegalStateException(refusal.get());
            }
            if (state == Entrypoint.State.RUNNING) {
                runners.removeIf(runner -> services.contains(runner.service()) && detached.add(runner));
                leaving.addAll(detached);
            }
            return detached;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for the stop. While starting, the starter notices and rolls back; while running, the caller has
     * to perform the stop ({@link Decision#PERFORM}); later, it only waits.
     */
    Decision requestStop(Throwable cause) {
        lock.lock();
        try {
            if (state == Entrypoint.State.STARTING) {
                if (stopRequest.complete(cause)) {
                    stopOrigin = Thread.currentThread();
                }
                return Decision.WAIT;
            }
            if (state == Entrypoint.State.RUNNING) {
                state = Entrypoint.State.STOPPING;
                stopOrigin = Thread.currentThread();
                stopRequest.complete(cause);
                return Decision.PERFORM;
            }
            return Decision.WAIT;
        } finally {
            lock.unlock();
        }
    }

    /** The final state: no runner is left. */
    void stopped() {
        lock.lock();
        try {
            runners.clear();
            leaving.clear();
            state = Entrypoint.State.STOPPED;
        } finally {
            lock.unlock();
        }
    }
}
