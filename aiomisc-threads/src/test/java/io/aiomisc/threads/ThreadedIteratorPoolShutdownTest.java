package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool that drops a generator's task unstarted ({@code shutdownNow}) must not strand the consumer. */
@Timeout(20)
class ThreadedIteratorPoolShutdownTest {

    @Test
    void aPendingNextAsyncFailsWhenShutdownNowDropsTheGeneratorsTask() throws InterruptedException {
        // get(), not join(): @Timeout interrupts the test thread, so a stranded future fails the test instead of hanging it
        try (ThreadPool pool = new ThreadPool(1, "dropped-async");
             PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            occupyTheOnlyThread(pool);
            ThreadedIterator<Integer> items = Threaded.iterable(sink -> sink.emit(1), 4);
            CompletableFuture<Integer> first = items.nextAsync();
            awaitQueued(pool);

            pool.shutdownNow();

            ExecutionException thrown = assertThrows(ExecutionException.class, first::get,
                    "the future of a generator that will never run must fail, not stay pending forever");
            assertDroppedByPool(thrown.getCause());
            assertThrows(CompletionException.class, () -> items.nextAsync().join(),
                    "after the failure the iterator is exhausted");
        }
    }

    @Test
    void aBlockedHasNextThrowsWhenShutdownNowDropsTheIteratesTask() throws Exception {
        try (ThreadPool pool = new ThreadPool(1, "dropped-sync");
             PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            occupyTheOnlyThread(pool);
            ThreadedIterator<Integer> items = Threaded.iterate(() -> java.util.List.of(1, 2).iterator(), 4);
            CompletableFuture<Throwable> consumerSaw = new CompletableFuture<>();
            Thread consumer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    items.hasNext();
                    consumerSaw.complete(null);
                } catch (Throwable e) {
                    consumerSaw.complete(e);
                }
            });
            awaitQueued(pool);

            pool.shutdownNow();

            assertDroppedByPool(consumerSaw.get());
            consumer.join();
            assertFalse(items.hasNext(), "after reporting the failure once, the iterator is exhausted");
        }
    }

    /** Keeps the pool's one thread busy until shutdownNow interrupts it. */
    private static void occupyTheOnlyThread(ThreadPool pool) throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        pool.call(() -> {
            busy.countDown();
            never.await();
            return null;
        });
        busy.await();
    }

    /** Waits until the generator's task sits in the queue behind the busy one. */
    private static void awaitQueued(ThreadPool pool) {
        while (pool.statistics().queued() < 1) {
            Thread.onSpinWait();
        }
    }

    /**
     * The sequence ends with a RejectedExecutionException: caused by the cancellation when shutdownNow drained the
     * queued task, or with no cause when the submit itself saw the shutdown right after enqueuing (and took its
     * task back) - the queue's size counts a task a moment before its submit returns.
     */
    private static void assertDroppedByPool(Throwable failure) {
        RejectedExecutionException rejected = assertInstanceOf(RejectedExecutionException.class, failure,
                "a generator whose task the pool dropped must end the sequence like a refused task");
        if (rejected.getCause() != null) {
            assertInstanceOf(CancellationException.class, rejected.getCause(),
                    "the cause says the pool cancelled the dropped task");
        }
    }
}
