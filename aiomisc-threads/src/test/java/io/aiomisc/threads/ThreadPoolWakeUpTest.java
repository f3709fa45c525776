package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wake-up protocol between submitters and idle workers. Every wait here has a generous
 * timeout: a lost wake-up shows up as a failed round, not as a hung build.
 */
@Timeout(120)
class ThreadPoolWakeUpTest {

    private static final long ROUND_TIMEOUT_SECONDS = 10;

    @Test
    void noWakeUpIsLostWhileManySubmittersRaceWithWorkersGoingIdle() throws Exception {
        int submitters = 4;
        int rounds = 2_500;
        try (ThreadPool pool = new ThreadPool(3, PoolThreads.uniqueName("race"))) {
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                threads.add(Thread.ofPlatform().name("submitter-" + s).start(() -> {
                    try {
                        go.await();
                        for (int round = 0; round < rounds && failures.isEmpty(); round++) {
                            runRound(pool, submitter, round);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                fail("a round did not complete: " + failures.peek(), failures.peek());
            }
            assertEquals(0, pool.statistics().failed());
        }
    }

    /** Submits one to three tasks (sometimes a task that submits another) and waits for all of them. */
    private static void runRound(ThreadPool pool, int submitter, int round) throws Exception {
        int tasks = round % 3 + 1;
        List<CompletableFuture<?>> futures = new ArrayList<>(tasks + 1);
        for (int t = 0; t < tasks; t++) {
            if ((round + t) % 4 == 0) {
                // A worker is the submitter here: the inner task is offered while workers go idle.
                CompletableFuture<CompletableFuture<Integer>> outer = pool.call(() -> pool.call(() -> 1));
                futures.add(outer.thenCompose(inner -> inner));
            } else {
                futures.add(pool.call(() -> 1));
            }
        }
        for (CompletableFuture<?> future : futures) {
            try {
                future.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("submitter " + submitter + ", round " + round + ": a task did not run within "
                        + ROUND_TIMEOUT_SECONDS + " s while workers were idle; a wake-up was lost. " + pool.statistics(), e);
            }
        }
    }

    @Test
    void noWakeUpIsLostWhenEveryWorkerIsParkedBeforeEachSubmit() throws Exception {
        String name = PoolThreads.uniqueName("parked");
        try (ThreadPool pool = new ThreadPool(2, name)) {
            // Two tasks that wait for each other force both threads to start running at least once.
            CountDownLatch both = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    both.countDown();
                    ThreadPoolTest.awaitQuietly(both);
                });
            }
            assertTrue(both.await(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            List<Thread> workers = PoolThreads.workers(name);
            assertEquals(2, workers.size());
            for (int round = 0; round < 1_500; round++) {
                PoolThreads.awaitAllParked(workers);
                CompletableFuture<Integer> first = pool.call(() -> 1);
                CompletableFuture<Integer> second = round % 2 == 0 ? pool.call(() -> 2) : first;
                try {
                    first.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    second.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("round " + round + ": a task submitted to a fully parked pool did not run "
                            + "within " + ROUND_TIMEOUT_SECONDS + " s; the submit lost its wake-up", e);
                }
            }
        }
    }

    @Test
    void aDependentActionThatSubmitsToThePoolAndWaitsForItNeverWaitsForItself() throws Exception {
        try (ThreadPool pool = new ThreadPool(4, PoolThreads.uniqueName("dependent"))) {
            for (int round = 0; round < 200; round++) {
                int value = round;
                CountDownLatch taskMayFinish = new CountDownLatch(1);
                CompletableFuture<Integer> first = pool.call(() -> {
                    ThreadPoolTest.awaitQuietly(taskMayFinish);
                    return value;
                });
                // Registered before the first task completes, so it runs on the worker, inside the completion,
                // while that worker holds the spinner token: the task it submits must not count on that worker.
                CompletableFuture<Integer> second = first.thenApply(v -> pool.call(() -> v + 1).join());
                taskMayFinish.countDown();
                assertEquals(round + 1, second.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                        "round " + round + " waited for itself: " + pool.statistics());
            }
        }
    }

    @Test
    void tasksStillRunWhileTheWorkerThatHeldTheSpinnerTokenIsStuckInADependentAction() throws Exception {
        try (ThreadPool pool = new ThreadPool(2, PoolThreads.uniqueName("stuck"))) {
            CountDownLatch taskMayFinish = new CountDownLatch(1);
            CountDownLatch inDependent = new CountDownLatch(1);
            CountDownLatch releaseDependent = new CountDownLatch(1);
            CompletableFuture<Integer> first = pool.call(() -> {
                ThreadPoolTest.awaitQuietly(taskMayFinish);
                return 1;
            });
            // Runs on the worker, inside the completion of the first task, with the queue empty:
            // that worker holds the spinner token while it blocks here.
            first.thenRun(() -> {
                inDependent.countDown();
                try {
                    // Longer than the test's own deadline; the finally below releases it.
                    releaseDependent.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            taskMayFinish.countDown();
            assertTrue(inDependent.await(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            try {
                CompletableFuture<Integer> second = pool.call(() -> 2);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ROUND_TIMEOUT_SECONDS);
                // Later submits see the spinner overrun and wake the other worker, which runs the
                // queue in order: the second task first.
                while (!second.isDone() && System.nanoTime() - deadline < 0) {
                    pool.execute(() -> { });
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
                assertTrue(second.isDone(), "a task waited for a worker stuck in a dependent action while another "
                        + "worker slept: " + pool.statistics());
            } finally {
                releaseDependent.countDown();
            }
        }
    }

    @Test
    void aBurstFromManySubmittersRunsEveryTaskExactlyOnce() throws Exception {
        int submitters = 4;
        int perSubmitter = 5_000;
        try (ThreadPool pool = new ThreadPool(3)) {
            LongAdder runs = new LongAdder();
            CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        pool.execute(() -> {
                            runs.increment();
                            done.countDown();
                        });
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(done.await(60, TimeUnit.SECONDS),
                    "every task of the burst must run; still missing: " + done.getCount());
            pool.shutdown();
            assertTrue(pool.awaitTermination(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(submitters * perSubmitter, runs.sum(), "each task must run exactly once");
            ThreadPoolStatistics statistics = pool.statistics();
            assertEquals(submitters * perSubmitter, statistics.submitted());
            assertEquals(submitters * perSubmitter, statistics.completed());
        }
    }

    @Test
    void idleWorkersUseNoCpuTime() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadCpuTimeSupported(), "this JVM cannot measure per-thread CPU time");
        mx.setThreadCpuTimeEnabled(true);
        String name = PoolThreads.uniqueName("idle");
        try (ThreadPool pool = new ThreadPool(4, name)) {
            CountDownLatch allFour = new CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> {
                    allFour.countDown();
                    ThreadPoolTest.awaitQuietly(allFour);
                });
            }
            assertTrue(allFour.await(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS), "all four workers ran a task");
            for (int i = 0; i < 1_000; i++) {
                pool.call(() -> 1).join();
            }
            List<Thread> workers = PoolThreads.workers(name);
            assertEquals(4, workers.size());
            PoolThreads.awaitAllParked(workers);

            long before = cpuNanos(mx, workers);
            // A measurement window, not a synchronisation: idle workers must stay asleep through it.
            Thread.sleep(300);
            long spent = cpuNanos(mx, workers) - before;

            assertTrue(spent < TimeUnit.MILLISECONDS.toNanos(20),
                    "idle workers used " + TimeUnit.NANOSECONDS.toMicros(spent) + " us of CPU in 300 ms: they must park, "
                            + "not poll with a timeout");
        }
    }

    private static long cpuNanos(ThreadMXBean mx, List<Thread> threads) {
        long total = 0;
        for (Thread thread : threads) {
            long cpu = mx.getThreadCpuTime(thread.threadId());
            assertTrue(cpu >= 0, "worker " + thread.getName() + " must be alive while measured");
            total += cpu;
        }
        return total;
    }
}
