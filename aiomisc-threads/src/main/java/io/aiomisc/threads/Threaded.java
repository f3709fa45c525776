package io.aiomisc.threads;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs blocking code off the caller's thread and returns a {@link CompletableFuture}: aiomisc's
 * {@code @threaded}, {@code threaded_separate} and friends.
 *
 * <p>The pool: {@link #call}, {@link #run} and {@link #threaded} use {@link #defaultPool()}, which
 * is the pool bound with {@link #bindDefaultPool(ThreadPool)} on this thread or on the thread that
 * started it (an entrypoint binds its pool this way, so two entrypoints in one JVM never mix
 * pools), else one process-wide pool created on first use.
 *
 * <p>Context: the caller's SLF4J MDC, copied when the call is made (for the iterators, when the
 * iterator is created), is handed to the thread that runs the code and that thread's own MDC is
 * restored afterwards. The pool binding reaches pool workers (they see their
 * own pool), and new threads inherit it, so {@link #separate} and {@link #virtual} see the
 * caller's default pool.
 *
 * <p>Cancelling a returned future does not interrupt code that is already running (see
 * {@link ThreadPool#call(Callable)}).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Threaded {

    /** The name of the process-wide pool; its threads are {@code aiomisc-default-1}, ... */
    public static final String PROCESS_POOL_NAME = "aiomisc-default";
    /** Threads started by {@link #separate} are named {@code aiomisc-separate-1}, {@code -2}, ... */
    public static final String SEPARATE_THREAD_PREFIX = "aiomisc-separate-";
    /** Threads started by {@link #virtual} are named {@code aiomisc-virtual-1}, {@code -2}, ... */
    public static final String VIRTUAL_THREAD_PREFIX = "aiomisc-virtual-";
    /** Producer threads of {@link #iterableSeparate} are named {@code aiomisc-iterable-1}, {@code -2}, ... */
    public static final String ITERABLE_THREAD_PREFIX = "aiomisc-iterable-";

    private static final InheritableThreadLocal<ThreadPool> BOUND = new InheritableThreadLocal<>();
    private static final ReentrantLock PROCESS_POOL_LOCK = new ReentrantLock();
    private static final ThreadFactory SEPARATE_THREADS =
            Thread.ofPlatform().name(SEPARATE_THREAD_PREFIX, 1).daemon(true).factory();
    private static final ThreadFactory VIRTUAL_THREADS = Thread.ofVirtual().name(VIRTUAL_THREAD_PREFIX, 1).factory();
    private static final ThreadFactory ITERABLE_THREADS =
            Thread.ofPlatform().name(ITERABLE_THREAD_PREFIX, 1).daemon(true).factory();
    private static volatile ThreadPool processPool;

    private Threaded() {
    }

    /**
     * Runs {@code task} on {@link #defaultPool()}. Never blocks.
     *
     * @param task the blocking code
     * @param <T> the result type
     * @return a future of the result, completed exceptionally with whatever {@code task} threw
     * @throws RejectedExecutionException if the default pool is shut down
     * @throws NullPointerException if {@code task} is null
     */
    public static <T> CompletableFuture<T> call(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return defaultPool().call(MdcHandOver.wrap(task));
    }

    /**
     * Runs {@code task} on {@link #defaultPool()}. Never blocks.
     *
     * @param task the blocking code
     * @return a future completed with {@code null} when {@code task} returns, or exceptionally with
     *     whatever it threw
     * @throws RejectedExecutionException if the default pool is shut down
     * @throws NullPointerException if {@code task} is null
     */
    public static CompletableFuture<Void> run(ThrowingRunnable task) {
        Objects.requireNonNull(task, "task");
        return call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Decorates a blocking function (aiomisc's {@code @threaded}): each application of the
     * returned function runs {@code function} on {@link #defaultPool()} (resolved at that moment,
     * on the applying thread) and returns a future of its result. Never blocks.
     *
     * <p>The returned function throws {@link RejectedExecutionException} if the default pool is
     * shut down when it is applied.
     *
     * @param function the blocking function
     * @param <A> the argument type
     * @param <R> the result type
     * @return the asynchronous function; safe to share between threads
     * @throws NullPointerException if {@code function} is null
     */
    public static <A, R> Function<A, CompletableFuture<R>> threaded(ThrowingFunction<A, R> function) {
        Objects.requireNonNull(function, "function");
        return argument -> call(() -> function.apply(argument));
    }

    /**
     * Runs {@code task} on a new platform daemon thread of its own (aiomisc's
     * {@code threaded_separate}), named {@value #SEPARATE_THREAD_PREFIX}{@code N}: for long
     * blocking work that should not hold a pool thread. Never blocks.
     *
     * @param task the blocking code
     * @param <T> the result type
     * @return a future of the result, completed exceptionally with whatever {@code task} threw
     * @throws NullPointerException if {@code task} is null
     * @throws OutOfMemoryError if the thread cannot be started
     */
    public static <T> CompletableFuture<T> separate(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return startThread(SEPARATE_THREADS, task);
    }

    /**
     * Runs {@code task} on a new virtual thread, named {@value #VIRTUAL_THREAD_PREFIX}{@code N}.
     * Never blocks.
     *
     * @param task the blocking code
     * @param <T> the result type
     * @return a future of the result, completed exceptionally with whatever {@code task} threw
     * @throws NullPointerException if {@code task} is null
     */
    public static <T> CompletableFuture<T> virtual(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return startThread(VIRTUAL_THREADS, task);
    }

    private static <T> CompletableFuture<T> startThread(ThreadFactory threads, Callable<T> task) {
        Callable<T> withContext = MdcHandOver.wrap(task);
        CompletableFuture<T> future = new CompletableFuture<>();
        threads.newThread(() -> {
            try {
                future.complete(withContext.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }).start();
        return future;
    }

    /**
     * Runs {@code generator} as one task of {@link #defaultPool()} and returns its consumer side
     * (aiomisc's {@code threaded_iterable}). Nothing runs until the first read; while the buffer
     * holds {@code maxSize} items the generator blocks in {@link Sink#emit} and keeps its pool
     * thread, so prefer {@link #iterableSeparate} for long or slowly consumed generators. The
     * caller's MDC, as it is now, is handed to the generator (also when another thread or a later
     * MDC scope makes the first read). Never blocks.
     *
     * @param generator the blocking code that emits the items
     * @param maxSize how many items the buffer holds before {@link Sink#emit} blocks; at least 1
     * @param <T> the type of the items
     * @return the iterator; close it (try-with-resources) to stop the generator early
     * @throws IllegalArgumentException if {@code maxSize < 1}
     * @throws NullPointerException if {@code generator} is null
     */
    public static <T> ThreadedIterator<T> iterable(Generator<? extends T> generator, int maxSize) {
        return ThreadedIterator.launched(generator, maxSize, onPool(defaultPool()));
    }

    /**
     * Runs {@code generator} on a new daemon platform thread of its own, named
     * {@value #ITERABLE_THREAD_PREFIX}{@code N} (aiomisc's {@code threaded_iterable_separate}),
     * and returns its consumer side. Nothing runs until the first read; the thread ends when the
     * generator returns, throws, or stops after the iterator is closed. The caller's MDC, as it is
     * now, is handed to the generator. Never blocks.
     *
     * @param generator the blocking code that emits the items
     * @param maxSize how many items the buffer holds before {@link Sink#emit} blocks; at least 1
     * @param <T> the type of the items
     * @return the iterator; close it (try-with-resources) to stop the generator early
     * @throws IllegalArgumentException if {@code maxSize < 1}
     * @throws NullPointerException if {@code generator} is null
     */
    public static <T> ThreadedIterator<T> iterableSeparate(Generator<? extends T> generator, int maxSize) {
        return ThreadedIterator.launched(generator, maxSize, onNewThread(ITERABLE_THREADS));
    }

    /**
     * Drains a blocking {@link Iterator} in a task of {@link #defaultPool()} (aiomisc's
     * {@code threaded_iterable} over a plain iterator): {@code source} is called in the pool
     * thread on the first read, and its items are handed over through a buffer of
     * {@code maxSize}. The caller's MDC, as it is now, is handed to {@code source} and the
     * iterator it supplies. Never blocks.
     *
     * @param source supplies the iterator to drain; called once, in the pool thread
     * @param maxSize how many items the buffer holds; at least 1
     * @param <T> the type of the items
     * @return the iterator; close it to stop draining early
     * @throws IllegalArgumentException if {@code maxSize < 1}
     * @throws NullPointerException if {@code source} is null
     */
    public static <T> ThreadedIterator<T> iterate(Supplier<? extends Iterator<? extends T>> source, int maxSize) {
        return ThreadedIterator.launchedFromIterator(source, maxSize, onPool(defaultPool()));
    }

    /**
     * Where a generator runs: a task of {@code pool}, with the MDC of the thread that creates the
     * iterator (now), not of the one whose first read starts the generator.
     */
    private static ProducerLauncher onPool(ThreadPool pool) {
        Map<String, String> creatorsContext = MdcHandOver.capture();
        return (task, couldNotStart) -> pool.call(MdcHandOver.wrap(creatorsContext, () -> {
            task.run();
            return null;
        })).whenComplete((ignored, failure) -> {
            // shutdownNow() drains the task and only cancels its future: the generator never runs.
            // (A generator that ran never fails the future: the hand-off records its failure, and
            // the consumer learns of it there; couldNotStart then does nothing.)
            if (failure != null) {
                couldNotStart.accept(droppedByPool(failure));
            }
        });
    }

    private static Throwable droppedByPool(Throwable failure) {
        if (!(failure instanceof CancellationException)) {
            return failure;
        }
        RejectedExecutionException rejected = new RejectedExecutionException(
                "the pool was shut down (shutdownNow) before the generator started");
        rejected.initCause(failure);
        return rejected;
    }

    /** Where a generator runs: a new thread, with the creator's MDC (see {@link #onPool}). */
    private static ProducerLauncher onNewThread(ThreadFactory threads) {
        Map<String, String> creatorsContext = MdcHandOver.capture();
        return (task, couldNotStart) -> {
            Callable<Void> withContext = MdcHandOver.wrap(creatorsContext, () -> {
                task.run();
                return null;
            });
            threads.newThread(() -> {
                try {
                    withContext.call();
                } catch (Throwable e) {
                    // Only reached if handing over the MDC failed before the generator ran; a
                    // generator's own failure is recorded by the hand-off (couldNotStart then does nothing).
                    couldNotStart.accept(e);
                    throw new IllegalStateException("generator task failed", e);
                }
            }).start();
        };
    }

    /**
     * The pool that {@link #call}, {@link #run} and {@link #threaded} use on this thread: the one
     * bound by {@link #bindDefaultPool(ThreadPool)} on this thread or inherited from the thread
     * that created it, the pool itself on a pool worker, else the process-wide pool of
     * {@link ThreadPool#defaultSize()} daemon threads named {@value #PROCESS_POOL_NAME}{@code -N}.
     * The process-wide pool is created on first use (thread-safely, once); if someone shut it
     * down, the next call creates a fresh one. Blocks only while that pool is being created.
     *
     * @return the default pool for the calling thread (never null)
     */
    public static ThreadPool defaultPool() {
        ThreadPool bound = BOUND.get();
        return bound != null ? bound : processPool();
    }

    /**
     * Makes {@code pool} the default pool of the calling thread and of every thread it starts
     * from now on (platform or virtual: they inherit the binding), until the returned binding is
     * closed. Never blocks.
     *
     * @param pool the pool to bind; it is not shut down when the binding closes
     * @return the binding; close it on this thread to restore the previous default
     * @throws NullPointerException if {@code pool} is null
     */
    public static PoolBinding bindDefaultPool(ThreadPool pool) {
        Objects.requireNonNull(pool, "pool");
        ThreadPool previous = BOUND.get();
        BOUND.set(pool);
        return new PoolBinding(pool, previous, Thread.currentThread());
    }

    /** Called first on every pool worker: inside a pool, the pool is the default. */
    static void bindWorker(ThreadPool pool) {
        BOUND.set(pool);
    }

    static void restoreBinding(ThreadPool previous) {
        if (previous == null) {
            BOUND.remove();
        } else {
            BOUND.set(previous);
        }
    }

    private static ThreadPool processPool() {
        ThreadPool pool = processPool;
        if (pool != null && !pool.isShutdown()) {
            return pool;
        }
        PROCESS_POOL_LOCK.lock();
        try {
            pool = processPool;
            if (pool == null || pool.isShutdown()) {
                pool = new ThreadPool(ThreadPool.defaultSize(), PROCESS_POOL_NAME);
                processPool = pool;
            }
            return pool;
        } finally {
            PROCESS_POOL_LOCK.unlock();
        }
    }
}
