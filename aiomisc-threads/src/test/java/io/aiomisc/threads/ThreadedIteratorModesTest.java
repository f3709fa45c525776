package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
class ThreadedIteratorModesTest {

    private enum Way {
        HAS_NEXT(ThreadedIterator::hasNext),
        ITERATOR(ThreadedIterator::iterator),
        STREAM(ThreadedIterator::stream),
        PUBLISHER(ThreadedIterator::publisher),
        NEXT_ASYNC(ThreadedIterator::nextAsync);

        final Consumer<ThreadedIterator<Integer>> use;

        Way(Consumer<ThreadedIterator<Integer>> use) {
            this.use = use;
        }

        boolean sameModeAs(Way other) {
            return mode() == other.mode();
        }

        private int mode() {
            return this == ITERATOR ? HAS_NEXT.ordinal() : ordinal();
        }
    }

    static Stream<Arguments> pairsOfDifferentWays() {
        List<Arguments> pairs = new ArrayList<>();
        for (Way first : Way.values()) {
            for (Way second : Way.values()) {
                if (!first.sameModeAs(second)) {
                    pairs.add(Arguments.of(first, second));
                }
            }
        }
        return pairs.stream();
    }

    private static ThreadedIterator<Integer> threeItems() {
        return ThreadedIterator.create(sink -> {
            sink.emit(1);
            sink.emit(2);
            sink.emit(3);
        }, 4, new ThreadPerTask("modes"));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("pairsOfDifferentWays")
    void refusesASecondWayOfConsuming(Way first, Way second) {
        try (ThreadedIterator<Integer> items = threeItems()) {
            first.use.accept(items);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> second.use.accept(items),
                    "mixing " + first + " and " + second + " must be refused");
            assertTrue(thrown.getMessage().contains("one way of consuming"), thrown.getMessage());
        }
    }

    @Test
    void refusesASecondStream() {
        try (ThreadedIterator<Integer> items = threeItems()) {
            items.stream();
            assertThrows(IllegalStateException.class, items::stream);
        }
    }

    @Test
    void allowsHasNextNextAndOneForEachTogether() {
        try (ThreadedIterator<Integer> items = threeItems()) {
            assertTrue(items.hasNext());
            assertEquals(1, items.next());
            List<Integer> rest = new ArrayList<>();
            assertDoesNotThrow(() -> {
                for (int item : items) {
                    rest.add(item);
                }
            });
            assertEquals(List.of(2, 3), rest);
        }
    }

    @Test
    void allowsManyNextAsyncCallsAndRepeatedPublisherCalls() {
        try (ThreadedIterator<Integer> items = threeItems()) {
            items.nextAsync();
            assertDoesNotThrow(items::nextAsync);
        }
        try (ThreadedIterator<Integer> items = threeItems()) {
            Flow.Publisher<Integer> publisher = items.publisher();
            assertEquals(publisher, items.publisher());
        }
    }
}
