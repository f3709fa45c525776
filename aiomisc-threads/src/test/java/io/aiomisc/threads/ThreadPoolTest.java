package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ThreadPoolTest {

    private static final long WAIT_SECONDS = 10;

    @Test
    void livesInTheIoAiomiscThreadsModule() {
        assertEquals("io.aiomisc.threads", ThreadPool.class.getModule().getName(),
                "tests must run on the module path, patched into the named module");
    }

    @Test
    void rejectsAPoolSizeBelowOneNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ThreadPool(0));
        assertEquals("threads must be >= 1, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(-3, "x"));
    }

    @Test
    void rejectsABlankOrNullName() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(1, " "));
        assertThrows(NullPointerException.class, () -> new ThreadPool(1, null));
    }

    @Test
    void defaultSizeIsTheProcessorCountClampedBetweenFourAndThirtyTwo() {
        int expected = Math.min(32, Math.max(4, Runtime.getRuntime().availableProcessors()));
        assertEquals(expected, ThreadPool.defaultSize());
        try (ThreadPool pool = new ThreadPool()) {
            assertEquals(expected, pool.statistics().threads(), "a default pool starts defaultSize() threads");
            assertEquals("aiomisc-pool", pool.name());
        }
    }

    @Test
    void namesItsDaemonThreadsAfterThePool() throws Exception {
        String name = PoolThreads.uniqueName("named");
        try (ThreadPool pool = new ThreadPool(3, name)) {
            Set<String> names = ConcurrentHashMap.newKeySet();
            CountDownLatch allThree = new CountDownLatch(3);
            List<CompletableFuture<Boolean>> daemons = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                daemons.add(pool.call(() -> {
                    names.add(Thread.currentThread().getName());
                    allThree.countDown();
                    // Hold the worker until all three tasks run, so each task runs on a different thread.
                    assertTrue(allThree.await(WAIT_SECONDS, TimeUnit.SECONDS));
                    return Thread.currentThread().isDaemon();
                }));
            }
            for (CompletableFuture<Boolean> daemon : daemons) {
                assertTrue(daemon.get(WAIT_SECONDS, TimeUnit.SECONDS), "pool threads must not keep the JVM alive");
            }
            assertEquals(Set.of(name + "-1", name + "-2", name + "-3"), names);
        }
    }

    @Test
    void callCompletesTheFutureWithTheResult() throws Exception {
        try (ThreadPool pool = new ThreadPool(2)) {
            assertEquals(42, pool.call(() -> 42).get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void callCompletesTheFutureExceptionallyWithWhatTheTaskThrew() {
        IOException thrown = new IOException("disk on fire");
        try (ThreadPool pool = new ThreadPool(2)) {
            CompletableFuture<Object> future = pool.call(() -> {
                throw thrown;
            });
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertSame(thrown, e.getCause(), "the caller must see the task's own exception");
        }
    }

    @Test
    void executeSurvivesAThrowingTaskAndCountsItAsFailed() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            pool.execute(() -> {
                throw new IllegalStateException("expected by the test: logged, not fatal");
            });
            assertEquals("still alive", pool.call(() -> "still alive").get(WAIT_SECONDS, TimeUnit.SECONDS),
                    "the only worker must survive a task that threw");
            ThreadPoolStatistics statistics = pool.statistics();
            assertEquals(1, statistics.failed());
            assertEquals(1, statistics.completed());
        }
    }

    @Test
    void aSubmittedTaskCancelledWithoutInterruptWhileRunningCountsAsCompletedWhenItReturns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ThreadPool pool = new ThreadPool(1);
        try (pool) {
            Future<Integer> future = pool.submit(() -> {
                running.countDown();
                proceed.await();
                return 1;
            });
            running.await();
            assertTrue(future.cancel(false));
            proceed.countDown();
        }
        ThreadPoolStatistics statistics = pool.statistics();
        assertEquals(1, statistics.completed(), "a task that ran to its end must count as completed, cancelled or not");
        assertEquals(0, statistics.failed());
    }

    @Test
    void invokeAllReturnsEveryResultInOrder() throws Exception {
        try (ThreadPool pool = new ThreadPool(3)) {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int value = i;
                tasks.add(() -> value * value);
            }
            List<Future<Integer>> results = pool.invokeAll(tasks);
            for (int i = 0; i < 10; i++) {
                assertEquals(i * i, results.get(i).get());
            }
        }
    }

    @Test
    void invokeAnyReturnsTheResultOfATaskThatSucceeded() throws Exception {
        try (ThreadPool pool = new ThreadPool(2)) {
            List<Callable<String>> tasks = List.of(
                    () -> {
                        throw new IOException("first fails");
                    },
                    () -> "second wins");
            assertEquals("second wins", pool.invokeAny(tasks, WAIT_SECONDS, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.invokeAny(List.of(() -> {
                throw new IOException("only one fails");
            })));
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    @Test
    void statisticsCountEveryTaskExactly() throws Exception {
        try (ThreadPool pool = new ThreadPool(3)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int value = i;
                futures.add(pool.call(() -> {
                    if (value % 10 == 0) {
                        throw new IOException("task " + value + " fails on purpose");
                    }
                    return value;
                }));
            }
            Future<?> failedSubmit = pool.submit(() -> {
                throw new IllegalStateException("submit fails on purpose");
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .handle((ignored, error) -> null)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThrows(ExecutionException.class, () -> failedSubmit.get(WAIT_SECONDS, TimeUnit.SECONDS));
            // A FutureTask completes inside run(), just before the worker counts it: let the pool settle.
            pool.shutdown();
            assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));

            ThreadPoolStatistics statistics = pool.statistics();
            assertEquals(301, statistics.submitted());
            assertEquals(270, statistics.completed());
            assertEquals(30 + 1, statistics.failed(), "failed call()s plus the failed submit()");
            assertEquals(0, statistics.queued());
            assertEquals(0, statistics.threads());
            assertFalse(statistics.busyTime().isNegative());
        }
    }

    @Test
    void busyTimeGrowsWhileATaskRuns() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                started.countDown();
                awaitQuietly(release);
            });
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
            long first = pool.statistics().busyTime().toNanos();
            long later;
            do {
                later = pool.statistics().busyTime().toNanos();
            } while (later == first);
            assertTrue(later > first, "busy time of a running task must grow");
            release.countDown();
        }
    }

    @Test
    void cancellingACallFutureDoesNotInterruptTheRunningTask() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> interruptedSeen = new CompletableFuture<>();
            CompletableFuture<String> future = pool.call(() -> {
                started.countDown();
                try {
                    interruptedSeen.complete(!release.await(WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    interruptedSeen.complete(true);
                }
                return "discarded";
            });
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(future.cancel(true));
            release.countDown();
            assertFalse(interruptedSeen.get(WAIT_SECONDS, TimeUnit.SECONDS),
                    "cancel(true) on a call() future must not interrupt the running task");
            assertThrows(CancellationException.class, future::join);
        }
    }

    @Test
    void aCallCancelledBeforeItStartsIsSkipped() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> awaitQuietly(release));
            AtomicBoolean ran = new AtomicBoolean();
            CompletableFuture<Void> future = pool.call(() -> {
                ran.set(true);
                return null;
            });
            future.cancel(false);
            release.countDown();
            pool.call(() -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertFalse(ran.get(), "a task whose future was cancelled before it started must not run");
        }
    }

    @Test
    void waitingOnARunningCallWithAShortTimeoutTimesOutAndTheTaskStillCompletes() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> future = pool.call(() -> {
                started.countDown();
                awaitQuietly(release);
                return "late";
            });
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertThrows(TimeoutException.class, () -> future.get(1, TimeUnit.MILLISECONDS));
            assertThrows(TimeoutException.class, () -> future.get(0, TimeUnit.NANOSECONDS));
            release.countDown();
            assertEquals("late", future.join());
        }
    }

    @Test
    void aVirtualThreadCanWaitForACall() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            CompletableFuture<Integer> seen = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> seen.complete(pool.call(() -> 7).join())).join();
            assertEquals(7, seen.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskSeesItsOwnPoolAsTheDefaultPool() throws Exception {
        try (ThreadPool pool = new ThreadPool(2)) {
            assertSame(pool, pool.call(Threaded::defaultPool).get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void toStringShowsNameStateAndThreads() {
        ThreadPool pool = new ThreadPool(2, "shown");
        assertEquals("ThreadPool[shown, RUNNING, threads=2]", pool.toString());
        pool.close();
        assertEquals("ThreadPool[shown, TERMINATED, threads=0]", pool.toString());
    }

    @Test
    void callRejectsANullTask() {
        try (ThreadPool pool = new ThreadPool(1)) {
            assertThrows(NullPointerException.class, () -> pool.call(null));
            assertThrows(NullPointerException.class, () -> pool.execute(null));
            assertNotNull(pool.statistics());
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
