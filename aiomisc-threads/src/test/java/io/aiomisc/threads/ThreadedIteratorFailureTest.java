package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class ThreadedIteratorFailureTest {

    @ParameterizedTest(name = "maxSize {0}")
    @ValueSource(ints = {1, 3, 64})
    void deliversTheItemsBeforeAFailureThenTheFailure(int maxSize) {
        IllegalStateException boom = new IllegalStateException("boom");
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            for (int i = 0; i < 10; i++) {
                sink.emit(i);
            }
            throw boom;
        }, maxSize, new ThreadPerTask("fail"))) {
            List<Integer> seen = new ArrayList<>();
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> items.forEachRemaining(seen::add));
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen,
                    "every item emitted before the failure must reach the consumer first");
            assertSame(boom, thrown, "an unchecked generator exception is rethrown as is");
            assertFalse(items.hasNext(), "after reporting the failure once, the iterator is exhausted");
        }
    }

    @Test
    void wrapsACheckedGeneratorExceptionInCompletionException() {
        IOException broken = new IOException("disk gone");
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            sink.emit(1);
            throw broken;
        }, 4, new ThreadPerTask("checked"))) {
            assertEquals(1, items.next());
            CompletionException thrown = assertThrows(CompletionException.class, items::hasNext);
            assertSame(broken, thrown.getCause(), "the checked exception must be the cause");
        }
    }

    @Test
    void streamTerminalOperationRethrowsTheGeneratorFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            sink.emit(1);
            throw boom;
        }, 4, new ThreadPerTask("stream-fail"));
        try (Stream<Integer> stream = items.stream()) {
            assertSame(boom, assertThrows(IllegalStateException.class, stream::toList));
        }
    }

    @Test
    void reportsARejectedProducerTaskAsTheFailure() {
        RejectedExecutionException rejected = new RejectedExecutionException("pool is shut down");
        Executor refusing = task -> {
            throw rejected;
        };
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> sink.emit(1), 4, refusing)) {
            assertSame(rejected, assertThrows(RejectedExecutionException.class, items::hasNext));
        }
    }
}
