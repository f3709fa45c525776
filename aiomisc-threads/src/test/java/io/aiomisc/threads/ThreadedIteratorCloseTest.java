package io.aiomisc.threads;

import static io.aiomisc.threads.IteratorTestSupport.awaitParkedInHandOff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadedIteratorCloseTest {

    @Test
    void closingAForEachEarlyStopsTheGeneratorAndRunsItsFinally() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("early");
        AtomicReference<Throwable> emitFailure = new AtomicReference<>();
        CountDownLatch finallyRan = new CountDownLatch(1);
        AtomicInteger emitted = new AtomicInteger();
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.emit(i);
                    emitted.incrementAndGet();
                }
            } catch (RuntimeException e) {
                emitFailure.set(e);
                throw e;
            } finally {
                finallyRan.countDown();
            }
        }, 2, executor)) {
            for (int item : items) {
                if (item == 4) {
                    break;
                }
            }
        }
        assertTrue(finallyRan.await(20, TimeUnit.SECONDS), "closing the iterator did not stop the generator");
        assertInstanceOf(CancellationException.class, emitFailure.get(),
                "the generator's emit after close must throw CancellationException");
        assertTrue(emitted.get() <= 5 + 2 + 1, "the generator ran ahead of the consumer by more than the buffer: "
                + emitted.get());
        IteratorTestSupport.join(executor.threads.get(0));
    }

    @Test
    void closeReleasesAGeneratorBlockedOnAFullBuffer() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("blocked");
        AtomicReference<Throwable> emitFailure = new AtomicReference<>();
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.emit(i);
                }
            } catch (CancellationException e) {
                emitFailure.set(e);
                throw e;
            }
        }, 1, executor);
        assertEquals(0, items.next());
        Thread producer = executor.threads.get(0);
        awaitParkedInHandOff(producer);

        items.close();

        IteratorTestSupport.join(producer);
        assertInstanceOf(CancellationException.class, emitFailure.get(),
                "the emit blocked on a full buffer must throw CancellationException when the consumer closes");
        assertFalse(items.hasNext(), "a closed iterator reports no more items");
    }

    @Test
    void closingBeforeTheFirstReadNeverStartsTheGenerator() {
        ThreadPerTask executor = new ThreadPerTask("never");
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> sink.emit(1), 4, executor);
        items.close();
        assertFalse(items.hasNext());
        assertEquals(0, executor.submitted(), "a generator whose iterator was closed unread must never run");
    }

    @Test
    void closingTheStreamStopsTheGenerator() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("stream");
        CountDownLatch finallyRan = new CountDownLatch(1);
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.emit(i);
                }
            } finally {
                finallyRan.countDown();
            }
        }, 3, executor);
        try (Stream<Integer> stream = items.stream()) {
            assertEquals(0, executor.submitted(), "stream() alone must not start the generator");
            assertEquals(List.of(0, 1, 2, 3, 4), stream.limit(5).toList());
        }
        assertTrue(finallyRan.await(20, TimeUnit.SECONDS), "closing the stream did not stop the generator");
        IteratorTestSupport.join(executor.threads.get(0));
    }

    @Test
    void interruptingABlockedConsumerClosesTheIteratorAndKeepsTheFlag() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("interrupt");
        CountDownLatch generatorRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> emitFailure = new AtomicReference<>();
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            generatorRunning.countDown();
            release.await();
            try {
                sink.emit(1);
            } catch (CancellationException e) {
                emitFailure.set(e);
            }
        }, 4, executor);
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                items.hasNext();
            } catch (Throwable t) {
                consumerFailure.set(t);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        // A generator that has not begun when the iterator closes is never run at all; this test is about one
        // that is running, so it must be inside generate() before the consumer is interrupted.
        assertTrue(generatorRunning.await(20, TimeUnit.SECONDS), "the generator never started");
        awaitParkedInHandOff(consumer);
        consumer.interrupt();
        IteratorTestSupport.join(consumer);

        assertInstanceOf(CancellationException.class, consumerFailure.get(),
                "an interrupted hasNext() must throw CancellationException");
        assertInstanceOf(InterruptedException.class, consumerFailure.get().getCause());
        assertTrue(flagAfter.get(), "the consumer's interrupt flag must be set again");

        release.countDown();
        IteratorTestSupport.join(executor.threads.get(0));
        assertInstanceOf(CancellationException.class, emitFailure.get(),
                "interrupting the consumer closes the iterator, so the generator's emit must fail");
    }

    @Test
    void closeFromAnotherThreadEndsABlockedHasNext() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> release.await(), 4, new ThreadPerTask("other"));
        AtomicReference<Boolean> answer = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().start(() -> answer.set(items.hasNext()));
        awaitParkedInHandOff(consumer);
        items.close();
        IteratorTestSupport.join(consumer);
        assertEquals(Boolean.FALSE, answer.get(), "hasNext() blocked in one thread must return false once closed");
        release.countDown();
    }

    @Test
    void closesAnIteratorThatBecameUnreachable() throws InterruptedException {
        CountDownLatch finallyRan = startAndAbandon();
        long deadline = System.nanoTime() + IteratorTestSupport.PATIENCE.toNanos();
        while (!finallyRan.await(50, TimeUnit.MILLISECONDS)) {
            assertTrue(System.nanoTime() - deadline < 0,
                    "an abandoned iterator's generator was never stopped: its thread leaks");
            System.gc();
        }
    }

    private static CountDownLatch startAndAbandon() {
        CountDownLatch finallyRan = new CountDownLatch(1);
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.emit(i);
                }
            } finally {
                finallyRan.countDown();
            }
        }, 1, new ThreadPerTask("abandoned"));
        assertTrue(items.hasNext());
        return finallyRan;
    }
}
