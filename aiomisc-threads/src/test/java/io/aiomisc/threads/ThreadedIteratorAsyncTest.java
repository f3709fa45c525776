package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadedIteratorAsyncTest {

    /** The exception the future was completed with, unwrapped. */
    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        Throwable failure = future.handle((value, error) -> error).get(20, TimeUnit.SECONDS);
        assertNotNull(failure, "the future succeeded; it should have failed");
        return failure;
    }

    @Test
    void completesFuturesInCallOrderThenFailsWithNoSuchElement() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ThreadPerTask executor = new ThreadPerTask("async");
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            go.await();
            for (int i = 0; i < 5; i++) {
                sink.emit(i);
            }
        }, 2, executor)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(items.nextAsync());
            }
            assertEquals(1, executor.submitted(), "the first nextAsync() must start the generator");
            assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "no item exists yet");
            go.countDown();
            for (int i = 0; i < 5; i++) {
                assertEquals(i, futures.get(i).get(20, TimeUnit.SECONDS), "futures must complete in call order");
            }
            for (int i = 5; i < 8; i++) {
                assertInstanceOf(NoSuchElementException.class, failureOf(futures.get(i)),
                        "futures past the end must fail with NoSuchElementException");
            }
            assertInstanceOf(NoSuchElementException.class, failureOf(items.nextAsync()));
        }
    }

    @Test
    void readsALongSequenceOneFutureAtATime() throws Exception {
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            for (int i = 0; i < 10_000; i++) {
                sink.emit(i);
            }
        }, 8, new ThreadPerTask("async-long"))) {
            for (int i = 0; i < 10_000; i++) {
                assertEquals(i, items.nextAsync().get(20, TimeUnit.SECONDS));
            }
            assertInstanceOf(NoSuchElementException.class, failureOf(items.nextAsync()));
        }
    }

    @Test
    void failsOneFutureWithTheGeneratorExceptionAfterTheItems() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            sink.emit(1);
            sink.emit(2);
            throw boom;
        }, 4, new ThreadPerTask("async-fail"))) {
            assertEquals(1, items.nextAsync().get(20, TimeUnit.SECONDS));
            assertEquals(2, items.nextAsync().get(20, TimeUnit.SECONDS));
            assertSame(boom, failureOf(items.nextAsync()), "the generator's exception itself fails the future");
            assertInstanceOf(NoSuchElementException.class, failureOf(items.nextAsync()),
                    "the failure is reported once; then the iterator is exhausted");
        }
    }

    @Test
    void passesTheItemOfACancelledFutureToTheNextOne() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ThreadedIterator<String> items = ThreadedIterator.create(sink -> {
            go.await();
            sink.emit("first");
            sink.emit("second");
        }, 4, new ThreadPerTask("async-cancel"))) {
            CompletableFuture<String> abandoned = items.nextAsync();
            CompletableFuture<String> next = items.nextAsync();
            abandoned.cancel(false);
            go.countDown();
            assertEquals("first", next.get(20, TimeUnit.SECONDS), "a cancelled future must not swallow an item");
        }
    }

    @Test
    void failsPendingFuturesWithCancellationWhenClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> release.await(), 4, new ThreadPerTask("async-close"));
        CompletableFuture<Integer> pending = items.nextAsync();
        items.close();
        assertInstanceOf(CancellationException.class, failureOf(pending),
                "closing must fail a pending future, not leave it hanging");
        assertInstanceOf(CancellationException.class, failureOf(items.nextAsync()));
        release.countDown();
    }
}
