package io.aiomisc.bench;

import io.aiomisc.threads.ThreadPool;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Round trip of a trivial task through a thread pool: submit, run on a worker, {@code join()} the
 * result. {@link ThreadPool#call} against what a user would otherwise write,
 * {@code CompletableFuture.supplyAsync(task, threadPoolExecutor)} on a {@link ThreadPoolExecutor}
 * of the same size with its default unbounded {@link LinkedBlockingQueue}. One caller measures
 * the wake-up path (every task finds the pool idle); eight callers measure the queue under
 * contention with more callers than workers.
 *
 * <p>Run: {@code scripts/bench.sh ThreadPoolBench -f 2 -wi 3 -i 5 -r 1s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ThreadPoolBench {

    private static final Callable<Integer> CALLABLE = () -> 42;
    private static final Supplier<Integer> SUPPLIER = () -> 42;

    /** The aiomisc pool, created once per trial. */
    @State(Scope.Benchmark)
    public static class AiomiscPool {
        /** Worker threads of both pools. */
        @Param("4")
        public int poolSize;

        ThreadPool pool;

        /** Starts the pool. */
        @Setup(Level.Trial)
        public void start() {
            pool = new ThreadPool(poolSize, "bench-aiomisc");
        }

        /** Stops the pool, waiting for its threads. */
        @TearDown(Level.Trial)
        public void stop() {
            pool.close();
        }
    }

    /** The JDK baseline, created once per trial. */
    @State(Scope.Benchmark)
    public static class JdkPool {
        /** Worker threads of both pools. */
        @Param("4")
        public int poolSize;

        ThreadPoolExecutor executor;

        /** Starts the executor with all its core threads, as the aiomisc pool starts all of its. */
        @Setup(Level.Trial)
        public void start() {
            AtomicInteger threads = new AtomicInteger();
            ThreadFactory factory = runnable -> {
                Thread thread = new Thread(runnable, "bench-tpe-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            executor = new ThreadPoolExecutor(poolSize, poolSize, 0L, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), factory);
            executor.prestartAllCoreThreads();
        }

        /** Stops the executor, waiting for its threads. */
        @TearDown(Level.Trial)
        public void stop() {
            executor.close();
        }
    }

    /** One caller: {@code ThreadPool.call(task).join()}. */
    @Benchmark
    @Threads(1)
    public Integer callers1_aiomiscThreadPool(AiomiscPool state) {
        return state.pool.call(CALLABLE).join();
    }

    /** One caller: {@code CompletableFuture.supplyAsync(task, threadPoolExecutor).join()}. */
    @Benchmark
    @Threads(1)
    public Integer callers1_threadPoolExecutor(JdkPool state) {
        return CompletableFuture.supplyAsync(SUPPLIER, state.executor).join();
    }

    /** Eight callers: {@code ThreadPool.call(task).join()}. */
    @Benchmark
    @Threads(8)
    public Integer callers8_aiomiscThreadPool(AiomiscPool state) {
        return state.pool.call(CALLABLE).join();
    }

    /** Eight callers: {@code CompletableFuture.supplyAsync(task, threadPoolExecutor).join()}. */
    @Benchmark
    @Threads(8)
    public Integer callers8_threadPoolExecutor(JdkPool state) {
        return CompletableFuture.supplyAsync(SUPPLIER, state.executor).join();
    }
}
