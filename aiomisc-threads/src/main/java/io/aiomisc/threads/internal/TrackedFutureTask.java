package io.aiomisc.threads.internal;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
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

    /** Set by the worker when the callable returned normally, also if the future was cancelled meanwhile. */
    private final Returned<T> returned;
    // Written and read by the worker that runs the task (setException is called from run()).
    private boolean failed;

    /**
     * Wraps a callable.
     *
     * @param callable the task
     * @throws NullPointerException if {@code callable} is null
     */
    public TrackedFutureTask(Callable<T> callable) {
        this(new Returned<>(Objects.requireNonNull(callable, "callable")));
    }

    /**
     * Wraps a runnable with a fixed result.
     *
     * @param runnable the task
     * @param result the value the future holds once {@code runnable} returned
     * @throws NullPointerException if {@code runnable} is null
     */
    public TrackedFutureTask(Runnable runnable, T result) {
        this(new Returned<>(Executors.callable(Objects.requireNonNull(runnable, "runnable"), result)));
    }

    private TrackedFutureTask(Returned<T> returned) {
        super(returned);
        this.returned = returned;
    }

    @Override
    protected void setException(Throwable t) {
        failed = true;
        super.setException(t);
    }

    /**
     * How the run went: a task cancelled with {@code cancel(false)} while it ran still ran to its end,
     * so it counts as completed (or failed), not as skipped.
     */
    int outcome() {
        if (failed) {
            return PoolTask.FAILED;
        }
        return returned.done ? PoolTask.COMPLETED : PoolTask.SKIPPED;
    }

    /** The callable, noting that it returned; read by the same worker thread that ran it. */
    private static final class Returned<T> implements Callable<T> {
        private final Callable<T> callable;
        private boolean done;

        Returned(Callable<T> callable) {
            this.callable = callable;
        }

        @Override
        public T call() throws Exception {
            T result = callable.call();
            done = true;
            return result;
        }
    }
}
