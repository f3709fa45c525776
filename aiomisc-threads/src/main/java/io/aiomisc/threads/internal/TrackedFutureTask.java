package io.aiomisc.threads.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * The future behind {@code ThreadPool.submit}, {@code invokeAll} and {@code invokeAny}: a plain
 * {@link FutureTask} (so {@code cancel(true)} interrupts, as the {@code ExecutorService} contract
 * expects) that remembers whether its callable threw, so the pool can count the task as failed.
 *
 * <p>Public only so that the exported package can create it; the package is not exported.
 *
 * @param <T> the result type
 */
public final class TrackedFutureTask<T> extends FutureTask<T> {

    // Written and read by the worker that runs the task (setException is called from run()).
    private boolean failed;

    /**
     * Wraps a callable.
     *
     * @param callable the task
     * @throws NullPointerException if {@code callable} is null
     */
    public TrackedFutureTask(Callable<T> callable) {
        super(callable);
    }

    /**
     * Wraps a runnable with a fixed result.
     *
     * @param runnable the task
     * @param result the value the future holds once {@code runnable} returned
     * @throws NullPointerException if {@code runnable} is null
     */
    public TrackedFutureTask(Runnable runnable, T result) {
        super(runnable, result);
    }

    @Override
    protected void setException(Throwable t) {
        failed = true;
        super.setException(t);
    }

    int outcome() {
        if (failed) {
            return PoolTask.FAILED;
        }
        return isCancelled() ? PoolTask.SKIPPED : PoolTask.COMPLETED;
    }
}
