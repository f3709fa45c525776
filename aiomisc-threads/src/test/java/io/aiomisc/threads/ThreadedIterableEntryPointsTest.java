package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** The public iterator entry points of {@link Threaded} that run on the default pool. */
@Timeout(30)
class ThreadedIterableEntryPointsTest {

    @Test
    void iterableRunsTheGeneratorOnTheBoundDefaultPoolWithTheCallersMdc() {
        AtomicReference<Thread> producer = new AtomicReference<>();
        AtomicReference<String> requestId = new AtomicReference<>();
        try (ThreadPool pool = new ThreadPool(1, "iter-pool");
             PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            MDC.put("request", "r-42");
            try (ThreadedIterator<Integer> items = Threaded.iterable(sink -> {
                producer.set(Thread.currentThread());
                requestId.set(MDC.get("request"));
                for (int i = 0; i < 1000; i++) {
                    sink.emit(i);
                }
            }, 8)) {
                assertEquals(IntStream.range(0, 1000).boxed().toList(), items.stream().toList());
            } finally {
                MDC.clear();
            }
            assertEquals("iter-pool-1", producer.get().getName(), "the generator must run on the bound pool");
            assertEquals("r-42", requestId.get(), "the caller's MDC must reach the generator");
        }
    }

    @Test
    void iterateDrainsABlockingIteratorSuppliedInThePoolThread() {
        AtomicReference<Thread> suppliedIn = new AtomicReference<>();
        try (ThreadPool pool = new ThreadPool(1, "drain-pool");
             PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            try (ThreadedIterator<String> items = Threaded.iterate(() -> {
                suppliedIn.set(Thread.currentThread());
                return List.of("a", "b", "c").iterator();
            }, 1)) {
                assertEquals(List.of("a", "b", "c"), items.stream().toList());
            }
            assertEquals("drain-pool-1", suppliedIn.get().getName());
        }
    }

    @Test
    void entryPointsRejectAMaxSizeBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Threaded.iterable(sink -> { }, 0));
        assertEquals(true, e.getMessage().contains("maxSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Threaded.iterate(List.<String>of()::iterator, 0));
        assertThrows(IllegalArgumentException.class, () -> Threaded.iterableSeparate(sink -> { }, -1));
    }
}
