package io.aiomisc.threads;

import static io.aiomisc.threads.ThreadPoolTest.awaitQuietly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shutdown, shutdownNow, awaitTermination and close. */
@Timeout(30)
class ThreadPoolLifecycleTest {

    private static final long WAIT_SECONDS = 10;

    @Test
    void submitAfterShutdownIsRejectedWithTheNameOfThePool() {
        String name = PoolThreads.uniqueName("closed");
        ThreadPool pool = new ThreadPool(1, name);
        pool.shutdown();
        List<Runnable> attempts = List.of(
                () -> pool.execute(() -> { }),
                () -> pool.call(() -> 1),
                () -> pool.submit(() -> 1));
        for (Runnable attempt : attempts) {
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, attempt::run);
            assertTrue(e.getMessage().contains(name), "the message must name the pool: " + e.getMessage());
        }
        assertEquals(0, pool.statistics().submitted(), "rejected tasks are not counted as submitted");
    }

    @Test
    void shutdownNowInterruptsTheRunningTaskAndReturnsTheQueuedOnesInOrder() throws Exception {
        ThreadPool pool = new ThreadPool(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = pool.call(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        List<Runnable> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Runnable task = () -> { };
            queued.add(task);
            pool.execute(task);
        }
        Future<?> submitted = pool.submit(() -> { });

        List<Runnable> drained = pool.shutdownNow();

        assertEquals(6, drained.size(), "every task that never started must be returned");
        assertEquals(queued, drained.subList(0, 5), "execute()d tasks come back as the very Runnables given");
        assertSame(submitted, drained.get(5), "a submit()ted task comes back as its FutureTask");
        assertTrue(interrupted.get(WAIT_SECONDS, TimeUnit.SECONDS), "shutdownNow must interrupt running tasks");
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void shutdownNowCancelsTheFuturesOfDrainedCalls() throws Exception {
        ThreadPool pool = new ThreadPool(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Integer> future = pool.call(() -> {
            ran.set(true);
            return 1;
        });

        List<Runnable> drained = pool.shutdownNow();
        release.countDown();

        assertEquals(1, drained.size());
        assertTrue(future.isCancelled(), "a caller waiting on a drained call() must not wait forever");
        drained.get(0).run();
        assertFalse(ran.get(), "running a drained call() task after its future was cancelled does nothing");
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void awaitTerminationReturnsFalseWhileATaskRunsAndTrueOnceTheThreadsEnded() throws Exception {
        ThreadPool pool = new ThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        pool.shutdown();
        assertTrue(pool.isShutdown());
        assertFalse(pool.awaitTermination(20, TimeUnit.MILLISECONDS), "a task is still running");
        assertFalse(pool.isTerminated());
        release.countDown();
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        assertEquals(0, pool.statistics().threads(), "a terminated pool has no live threads");
    }

    @Test
    void closeWaitsForQueuedTasksToRun() throws Exception {
        ThreadPool pool = new ThreadPool(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release));
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            queued.add(pool.call(() -> value));
        }
        Thread releaser = Thread.ofVirtual().start(release::countDown);

        pool.close();

        releaser.join();
        assertTrue(pool.isTerminated(), "close() returns only once the threads ended");
        for (int i = 0; i < 20; i++) {
            assertEquals(i, queued.get(i).getNow(-1), "close() must run every queued task before returning");
        }
        pool.close(); // a second close returns at once
    }

    @Test
    void closeCalledByATaskOfThePoolStartsTheShutdownWithoutDeadlocking() throws Exception {
        ThreadPool pool = new ThreadPool(1);
        pool.call(() -> {
            pool.close();
            return null;
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(pool.isShutdown());
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }
}
