package io.aiomisc.threads.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code ThreadPool.call} task, which is also the future returned to the caller (one object per
 * call).
 *
 * <p>Waiting ({@link #join()}, {@link #get()}) first spins for a few microseconds when the task is
 * already running or an idle worker is about to take it: a short task then completes before the
 * caller parks, and the round trip needs no thread wake-up at all. The spin is skipped on virtual
 * threads (it would hold the carrier) and when the task is still waiting in the queue behind
 * others.
 */
final class CallTask<T> extends CompletableFuture<T> implements PoolTask {

    /** Longest a waiting caller spins before it parks: about the cost of a park and wake-up. */
    private static final long WAIT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(10);

    private static final VarHandle STATE =
            FieldHandles.find(MethodHandles.lookup(), CallTask.class, "state", int.class);

    private final Callable<T> callable;
    private final IdleWorkers idle;
    // Starts as NEW (0) without a write in the constructor: a volatile store there would cost a fence per task.
    private volatile int state;
    // Written by execute() and read by publish(), both on the worker thread.
    private T result;
    private Throwable failure;

    CallTask(Callable<T> callable, IdleWorkers idle) {
        this.callable = callable;
        this.idle = idle;
    }

    @Override
    public boolean claim() {
        return STATE.compareAndSet(this, NEW, CLAIMED);
    }

    @Override
    public boolean abandon() {
        return STATE.compareAndSet(this, NEW, ABANDONED);
    }

    @Override
    public int execute() {
        if (isDone()) {
            return SKIPPED;
        }
        try {
            result = callable.call();
            return COMPLETED;
        } catch (Throwable e) {
            failure = e;
            return FAILED;
        }
    }

    @Override
    public void publish() {
        if (failure != null) {
            completeExceptionally(failure);
        } else {
            complete(result);
        }
    }

    /** Cancels the future so that nobody waits forever for a task that will not run. */
    @Override
    public void drained() {
        cancel(false);
    }

    /**
     * A runnable that runs the task outside the pool if no worker took it; after a drain (the
     * task abandoned, its future cancelled) it does nothing.
     */
    @Override
    public Runnable unwrap() {
        return this::runOutsidePool;
    }

    private void runOutsidePool() {
        if (claim() && execute() != SKIPPED) {
            publish();
        }
    }

    @Override
    public T join() {
        prepareToWait(WAIT_SPIN_NANOS);
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        prepareToWait(WAIT_SPIN_NANOS);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        prepareToWait(Math.min(WAIT_SPIN_NANOS, unit.toNanos(timeout)));
        return super.get(timeout, unit);
    }

    /** Spins briefly if the result is about to come; before blocking, a worker gives up the spinner token. */
    private void prepareToWait(long maxSpinNanos) {
        spinWhileAboutToComplete(maxSpinNanos);
        if (!isDone()) {
            idle.beforeBlocking();
        }
    }

    private void spinWhileAboutToComplete(long maxNanos) {
        if (isDone() || maxNanos <= 0 || Thread.currentThread().isVirtual()) {
            return;
        }
        int taskState = state;
        if (taskState == ABANDONED || (taskState == NEW && !idle.anySpinning())) {
            return;
        }
        long deadline = System.nanoTime() + maxNanos;
        for (int spins = 1; !isDone(); spins++) {
            Thread.onSpinWait();
            if (spins % Spinning.SPINS_PER_CLOCK_READ == 0 && System.nanoTime() - deadline > 0) {
                return;
            }
        }
    }
}
