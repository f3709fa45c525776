package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ThreadedIteratorLeakTest {

    private static final int ROUNDS = 200;

    private static ThreadedIterator<Integer> endless(java.util.concurrent.Executor executor, AtomicInteger finished) {
        return ThreadedIterator.create(sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.emit(i);
                }
            } finally {
                finished.incrementAndGet();
            }
        }, 4, executor);
    }

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }

    @Test
    void leavesNoProducerThreadBehindAfterTwoHundredEarlyCloses() {
        ThreadPerTask executor = new ThreadPerTask("leak");
        AtomicInteger finished = new AtomicInteger();
        for (int round = 0; round < ROUNDS; round++) {
            try (ThreadedIterator<Integer> items = endless(executor, finished)) {
                int read = 0;
                for (int item : items) {
                    if (++read == 1 + round % 10) {
                        break;
                    }
                }
            }
        }
        assertEquals(ROUNDS, executor.submitted());
        IteratorTestSupport.awaitCondition("producer threads are still alive after every iterator was closed: "
                + liveThreadsNamed("leak-"), () -> liveThreadsNamed("leak-") == 0);
        assertEquals(ROUNDS, finished.get(), "every generator's finally must have run");
    }

    @Test
    void freesTheOnlyThreadOfAPoolForTheNextIteratorEveryTime() throws InterruptedException {
        // With one pool thread, an iterator whose producer did not stop would starve the next one forever.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicInteger finished = new AtomicInteger();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try (ThreadedIterator<Integer> items = endless(pool, finished)) {
                    assertEquals(0, items.next(), "round " + round + ": the producer never got the pool thread");
                    assertEquals(1, items.next());
                }
            }
            CountDownLatch drained = new CountDownLatch(1);
            pool.execute(drained::countDown);
            assertTrue(drained.await(20, TimeUnit.SECONDS), "the pool thread is still held by a producer");
            assertEquals(ROUNDS, finished.get(), "every generator's finally must have run");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releasesVirtualProducerThreadsToo() {
        AtomicInteger finished = new AtomicInteger();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < ROUNDS; round++) {
                try (ThreadedIterator<Integer> items = endless(virtual, finished)) {
                    items.next();
                }
            }
            // close() below waits for every producer task: it would hang if one were stuck.
        }
        assertEquals(ROUNDS, finished.get(), "every generator's finally must have run");
    }
}
