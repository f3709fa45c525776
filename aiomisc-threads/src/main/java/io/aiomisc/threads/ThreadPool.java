package io.aiomisc.threads;

import io.aiomisc.threads.internal.PoolEngine;
import io.aiomisc.threads.internal.TrackedFutureTask;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-size pool of daemon threads fed by one unbounded lock-free queue: aiomisc's thread
 * pool, and a drop-in {@link java.util.concurrent.ExecutorService}.
 *
 * <p>{@link #call(Callable)} is the fast path: it returns a {@link CompletableFuture} and allocates
 * one object per call (the queued task is its own future). Idle workers park without a timeout
 * and use no CPU. A worker that runs out of tasks first polls the queue for up to fifty
 * microseconds (one worker at a time), and a caller waiting on a {@code call} future that is
 * about to complete spins for up to ten before it parks, so a caller that submits again as soon
 * as its result arrives hands tasks over without any thread wake-up.
 *
 * <p>All threads start in the constructor and are named {@code <name>-1} to {@code <name>-N}
 * ({@value #DEFAULT_NAME}{@code -1} ... by default). Inside a task, {@link Threaded#defaultPool()}
 * returns the pool running it.
 *
 * <p>Failures: an exception thrown by a {@code call} task completes its future exceptionally; an
 * exception thrown by an {@code execute} task is logged through SLF4J (logger
 * {@code io.aiomisc.threads.ThreadPool}); both count as {@link ThreadPoolStatistics#failed() failed},
 * and the worker carries on with the next task.
 *
 * <p>Lifecycle: {@link #shutdown()} stops accepting tasks and lets the queued ones run;
 * {@link #close()} does that and waits; {@link #shutdownNow()} also interrupts running tasks and
 * returns the ones that never started. A task submitted after shutdown is rejected with a
 * {@link RejectedExecutionException} naming the pool.
 *
 * <p>Thread-safety: every method may be called from any thread, including the pool's own workers.
 */
public final class ThreadPool extends AbstractExecutorService implements AutoCloseable {

    /** The name used by the constructors that take none; threads are {@code aiomisc-pool-1}, ... */
    public static final String DEFAULT_NAME = "aiomisc-pool";
    /** Lower bound of {@link #defaultSize()}. */
    public static final int MIN_DEFAULT_SIZE = 4;
    /** Upper bound of {@link #defaultSize()}. */
    public static final int MAX_DEFAULT_SIZE = 32;

    private final String name;
    private final PoolEngine engine;

    /**
     * Creates a pool of {@link #defaultSize()} threads named {@value #DEFAULT_NAME}{@code -N}.
     *
     * @throws OutOfMemoryError if a thread cannot be started (the threads already started are stopped)
     */
    public ThreadPool() {
        this(defaultSize(), DEFAULT_NAME);
    }

    /**
     * Creates a pool of {@code threads} threads named {@value #DEFAULT_NAME}{@code -N}.
     *
     * @param threads the number of worker threads, at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws OutOfMemoryError if a thread cannot be started (the threads already started are stopped)
     */
    public ThreadPool(int threads) {
        this(threads, DEFAULT_NAME);
    }

    /**
     * Creates a pool of {@code threads} threads named {@code <name>-1} to {@code <name>-<threads>}.
     *
     * @param threads the number of worker threads, at least 1
     * @param name the pool's name, used for its threads, in {@link #toString()} and in error messages
     * @throws IllegalArgumentException if {@code threads < 1} or {@code name} is blank
     * @throws NullPointerException if {@code name} is null
     * @throws OutOfMemoryError if a thread cannot be started (the threads already started are stopped)
     */
    public ThreadPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
        }
        this.name = name;
        this.engine = new PoolEngine(name, threads, () -> Threaded.bindWorker(this));
        engine.start();
    }

    /**
     * The default pool size: the number of available processors, at least
     * {@value #MIN_DEFAULT_SIZE} and at most {@value #MAX_DEFAULT_SIZE}.
     *
     * @return the size used by {@link #ThreadPool()}
     */
    public static int defaultSize() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), MIN_DEFAULT_SIZE, MAX_DEFAULT_SIZE);
    }

    /**
     * The pool's name, as given to the constructor.
     *
     * @return the name (never null)
     */
    public String name() {
        return name;
    }

    /**
     * Runs {@code task} on a pool thread. Never blocks.
     *
     * <p>The future completes with the task's result, or exceptionally with what the task threw.
     * Its dependent actions run on the worker thread that completed it (or on the thread that
     * adds them, if it is already complete), as for {@link CompletableFuture#supplyAsync}.
     *
     * <p>Waiting: {@code join()} and {@code get()} on the returned future spin for up to about ten
     * microseconds before blocking when the task is already running or an idle worker is about to
     * take it (never on a virtual thread, never for a task still queued behind others), then block
     * as usual.
     *
     * <p>Cancelling: {@code cancel(...)} on the returned future (with either argument) completes it
     * with a {@link java.util.concurrent.CancellationException}; a task that has not started yet
     * is then skipped, but a task that is already running is <em>not</em> interrupted and runs to
     * its end, its result discarded. Use {@link #submit(Callable)} for a future whose
     * {@code cancel(true)} interrupts.
     *
     * @param task the code to run
     * @param <T> the result type
     * @return a future of the task's result
     * @throws RejectedExecutionException if the pool is shut down
     * @throws NullPointerException if {@code task} is null
     */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return engine.call(task);
    }

    /**
     * Runs {@code command} on a pool thread. Never blocks. If it throws, the exception is logged and
     * counted as failed; the worker carries on.
     *
     * @param command the code to run
     * @throws RejectedExecutionException if the pool is shut down
     * @throws NullPointerException if {@code command} is null
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        engine.execute(command);
    }

    /**
     * The future for {@code submit(Runnable)}: a plain {@link java.util.concurrent.FutureTask},
     * whose {@code cancel(true)} interrupts the task.
     */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new TrackedFutureTask<>(runnable, value);
    }

    /**
     * The future for {@code submit(Callable)}, {@code invokeAll} and {@code invokeAny}: a plain
     * {@link java.util.concurrent.FutureTask}, whose {@code cancel(true)} interrupts the task.
     */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new TrackedFutureTask<>(callable);
    }

    /**
     * Stops accepting tasks; the queued and running ones still run, then the threads end. Never
     * blocks (use {@link #awaitTermination} or {@link #close()} to wait). Calling it again does
     * nothing.
     */
    @Override
    public void shutdown() {
        engine.shutdown();
    }

    /**
     * Stops accepting tasks, interrupts the running ones and removes the queued ones. Never blocks.
     *
     * <p>The returned list holds every task that was queued and never started: the very
     * {@link Runnable}s given to {@link #execute} (for {@code submit}, the
     * {@link java.util.concurrent.FutureTask} it returned). A task from {@link #call} is returned as
     * a {@code Runnable} too, but its future is cancelled first, so nobody waits forever for it;
     * running that {@code Runnable} afterwards does nothing.
     *
     * @return the drained tasks, in queue order (a new mutable list)
     */
    @Override
    public List<Runnable> shutdownNow() {
        return engine.shutdownNow();
    }

    /**
     * True once {@link #shutdown()}, {@link #shutdownNow()} or {@link #close()} was called.
     *
     * @return whether the pool rejects new tasks
     */
    @Override
    public boolean isShutdown() {
        return engine.isShutdown();
    }

    /**
     * True once the pool was shut down and every thread has ended.
     *
     * @return whether the pool has terminated
     */
    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    /**
     * Blocks until every thread ended after a shutdown, the timeout elapses, or the calling thread
     * is interrupted.
     *
     * @param timeout the longest time to wait
     * @param unit the unit of {@code timeout}
     * @return true if the pool terminated, false if the timeout elapsed first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return engine.awaitTermination(timeout, unit);
    }

    /**
     * Shuts the pool down gracefully and blocks until every queued and running task has finished
     * and every thread has ended. If the calling thread is interrupted while waiting, the pool is
     * stopped with {@link #shutdownNow()} and the wait goes on; the interrupt flag is set again
     * before returning. Calling it again returns at once.
     *
     * <p>Called from one of this pool's own threads (a task closing its pool), it only starts the
     * shutdown and returns: waiting there for itself would never end.
     */
    @Override
    public void close() {
        shutdown();
        if (engine.isWorker(Thread.currentThread())) {
            return;
        }
        boolean interrupted = false;
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A snapshot of the pool's counters; see {@link ThreadPoolStatistics} for what each one means
     * and when it is exact. Never blocks, takes no lock.
     *
     * @return the counters now
     */
    public ThreadPoolStatistics statistics() {
        return engine.statistics();
    }

    /**
     * The pool's name, state ({@code RUNNING}, {@code SHUTDOWN}, {@code STOP} or {@code TERMINATED})
     * and live thread count, e.g. {@code ThreadPool[aiomisc-pool, RUNNING, threads=4]}.
     */
    @Override
    public String toString() {
        return engine.toString();
    }
}
