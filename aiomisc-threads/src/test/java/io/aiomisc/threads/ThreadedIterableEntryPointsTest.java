package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
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
    void iterableHandsTheCreatorsMdcToTheGeneratorAlsoWhenReadAfterTheCreatorsScope() {
        String seen = seenByGenerator(generator -> Threaded.iterable(generator, 1), "creator", null);

        assertEquals("creator", seen, "the MDC at creation must reach the generator, not the reader's empty one");
    }

    @Test
    void iterableSeparateHandsTheCreatorsMdcToTheGeneratorRatherThanTheReaders() {
        String seen = seenByGenerator(generator -> Threaded.iterableSeparate(generator, 1), "creator", "reader");

        assertEquals("creator", seen, "the generator belongs to the creator's context, not the first reader's");
    }

    @Test
    void iterateHandsTheCreatorsMdcToTheSourceRatherThanTheReaders() {
        String seen = seenByGenerator(unused -> Threaded.iterate(
                () -> List.of(String.valueOf(MDC.get("request"))).iterator(), 1), "creator", "reader");

        assertEquals("creator", seen, "the iterator's source must see the creator's MDC");
    }

    @Test
    void aGeneratorCreatedWithAnEmptyMdcDoesNotSeeTheReadersMdc() {
        String seen = seenByGenerator(generator -> Threaded.iterable(generator, 1), null, "reader");

        assertEquals("null", seen, "an iterator created without an MDC must not pick up the reader's");
    }

    /**
     * Creates an iterator while the MDC holds {@code request=creatorValue}, then reads it while the MDC holds
     * {@code request=readerValue} (no entry for null), on a pool bound for the test.
     *
     * @return the {@code request} value the generator saw ("null" for none)
     */
    private static String seenByGenerator(Function<Generator<String>, ThreadedIterator<String>> create,
                                          String creatorValue, String readerValue) {
        Generator<String> reportMdc = sink -> sink.emit(String.valueOf(MDC.get("request")));
        try (ThreadPool pool = new ThreadPool(1, "mdc-iterable");
             PoolBinding ignored = Threaded.bindDefaultPool(pool)) {
            ThreadedIterator<String> items = inMdcScope(creatorValue, () -> create.apply(reportMdc));
            List<String> read = inMdcScope(readerValue, () -> {
                try (items) {
                    return items.stream().toList();
                }
            });
            assertEquals(1, read.size(), "the generator emits what it saw, once: " + read);
            return read.get(0);
        }
    }

    private static <T> T inMdcScope(String request, Supplier<T> body) {
        if (request != null) {
            MDC.put("request", request);
        }
        try {
            return body.get();
        } finally {
            MDC.clear();
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
