package io.aiomisc.threads;

import static io.aiomisc.threads.IteratorTestSupport.awaitParkedInHandOff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class ThreadedIteratorTest {

    private static final int ITEMS = 100_000;

    static Stream<Arguments> sizesAndExecutors() {
        List<Arguments> cases = new ArrayList<>();
        for (int maxSize : new int[] {1, 2, 1024}) {
            cases.add(Arguments.of(maxSize, "platform thread per task"));
            cases.add(Arguments.of(maxSize, "virtual thread per task"));
            cases.add(Arguments.of(maxSize, "fixed pool of 2"));
        }
        return cases.stream();
    }

    private static ExecutorService executor(String kind) {
        return switch (kind) {
            case "platform thread per task" -> Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
            case "virtual thread per task" -> Executors.newVirtualThreadPerTaskExecutor();
            case "fixed pool of 2" -> Executors.newFixedThreadPool(2);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "maxSize {0}, {1}")
    @MethodSource("sizesAndExecutors")
    void deliversEveryItemInOrder(int maxSize, String kind) {
        try (ExecutorService executor = executor(kind);
                ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
                    for (int i = 0; i < ITEMS; i++) {
                        sink.emit(i);
                    }
                }, maxSize, executor)) {
            int expected = 0;
            for (int item : items) {
                assertEquals(expected, item, "items arrived out of order or were lost");
                expected++;
            }
            assertEquals(ITEMS, expected, "the consumer did not see every item the generator emitted");
            assertFalse(items.hasNext(), "an exhausted iterator must stay exhausted");
            assertThrows(NoSuchElementException.class, items::next);
        }
    }

    @Test
    void doesNotStartTheGeneratorBeforeTheFirstRead() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("lazy");
        CountDownLatch generatorStarted = new CountDownLatch(1);
        try (ThreadedIterator<String> items = ThreadedIterator.create(sink -> {
            generatorStarted.countDown();
            sink.emit("only");
        }, 4, executor)) {
            assertEquals(0, executor.submitted(), "creating the iterator must not submit the generator");
            assertEquals(1, generatorStarted.getCount(), "the generator ran before anyone read");
            Iterable<String> iterable = items;
            assertEquals(0, executor.submitted(), "viewing it as an Iterable must not start it either");

            assertTrue(items.hasNext());
            assertTrue(generatorStarted.await(20, TimeUnit.SECONDS), "the first hasNext() did not start the generator");
            assertEquals(1, executor.submitted(), "the generator must be submitted exactly once");
            assertEquals("only", items.next());
            assertFalse(iterable.iterator().hasNext());
            assertEquals(1, executor.submitted(), "the generator must be submitted exactly once");
        }
    }

    @ParameterizedTest(name = "maxSize {0}")
    @ValueSource(ints = {1, 2, 16})
    void blocksTheGeneratorWhileTheBufferIsFull(int maxSize) throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("full");
        CountDownLatch firstItemTaken = new CountDownLatch(1);
        AtomicInteger attempted = new AtomicInteger();
        AtomicInteger emitted = new AtomicInteger();
        int total = 10 * maxSize;
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            for (int i = 0; i < total; i++) {
                attempted.incrementAndGet();
                sink.emit(i);
                emitted.incrementAndGet();
                if (i == 0) {
                    firstItemTaken.await();
                }
            }
        }, maxSize, executor)) {
            assertTrue(items.hasNext()); // takes item 0 out of the buffer
            firstItemTaken.countDown();
            Thread producer = executor.threads.get(0);
            // Only a blocking emit parks the producer here, and nobody reads: it stays parked.
            awaitParkedInHandOff(producer);
            assertEquals(maxSize + 1, emitted.get(),
                    "the generator must fill the buffer (maxSize items) beyond the item hasNext() holds, then block");
            assertEquals(maxSize + 2, attempted.get(), "the generator must be blocked inside its next emit");
            awaitParkedInHandOff(producer);
            assertEquals(maxSize + 1, emitted.get(), "the blocked generator must not move while nobody reads");

            List<Integer> seen = new ArrayList<>();
            items.forEachRemaining(seen::add);
            assertEquals(total, seen.size(), "reading must unblock the generator until it finishes");
            for (int i = 0; i < total; i++) {
                assertEquals(i, seen.get(i));
            }
            IteratorTestSupport.join(producer);
        }
    }

    @Test
    void blocksAGeneratorWhoseSubscriberRequestsNothing() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("no-demand");
        AtomicInteger emitted = new AtomicInteger();
        ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> {
            for (int i = 0; i < 100; i++) {
                sink.emit(i);
                emitted.incrementAndGet();
            }
        }, 8, executor);
        ThreadedIteratorPublisherTest.Recorder<Integer> recorder = new ThreadedIteratorPublisherTest.Recorder<>();
        items.publisher().subscribe(recorder);
        awaitParkedInHandOff(executor.threads.get(0));
        assertEquals(8, emitted.get(), "without demand the generator must stop at a full buffer of maxSize items");
        recorder.subscription.request(Long.MAX_VALUE);
        recorder.awaitTermination();
        assertEquals(100, recorder.items.size());
    }

    @Test
    void rejectsNullItems() {
        AtomicReference<Throwable> rejected = new AtomicReference<>();
        try (ThreadedIterator<String> items = ThreadedIterator.create(sink -> {
            try {
                sink.emit(null);
            } catch (NullPointerException e) {
                rejected.set(e);
            }
            sink.emit("after");
        }, 4, new ThreadPerTask("null"))) {
            assertEquals("after", items.next());
            assertFalse(items.hasNext());
            assertInstanceOf(NullPointerException.class, rejected.get(), "emit(null) must throw NullPointerException");
        }
    }

    @Test
    void rejectsEmitFromAThreadOtherThanTheGenerators() {
        AtomicReference<Throwable> rejected = new AtomicReference<>();
        try (ThreadedIterator<String> items = ThreadedIterator.create(sink -> {
            Thread helper = Thread.ofPlatform().start(() -> {
                try {
                    sink.emit("from helper");
                } catch (Throwable t) {
                    rejected.set(t);
                }
            });
            helper.join();
            sink.emit("from generator");
        }, 4, new ThreadPerTask("helper"))) {
            assertEquals("from generator", items.next());
            assertFalse(items.hasNext());
            assertInstanceOf(IllegalStateException.class, rejected.get(),
                    "emit from a foreign thread must be refused: the buffer has a single producer");
        }
    }

    @Test
    void rejectsAMaxSizeBelowOne() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> ThreadedIterator.create(sink -> { }, 0, Runnable::run));
        assertTrue(thrown.getMessage().contains("maxSize") && thrown.getMessage().contains("0"),
                "the message must name the parameter and the value: " + thrown.getMessage());
    }

    @Test
    void allowsIteratorOnlyOnce() {
        try (ThreadedIterator<Integer> items = ThreadedIterator.create(sink -> sink.emit(1), 4, new ThreadPerTask("once"))) {
            items.iterator();
            assertThrows(IllegalStateException.class, items::iterator, "a ThreadedIterator is Iterable once");
        }
    }

    @Test
    void iterateDrainsAnIteratorSuppliedInTheProducerThread() {
        ThreadPerTask executor = new ThreadPerTask("iterate");
        AtomicReference<Thread> suppliedIn = new AtomicReference<>();
        try (ThreadedIterator<String> items = ThreadedIterator.createFromIterator(() -> {
            suppliedIn.set(Thread.currentThread());
            return List.of("a", "b", "c").iterator();
        }, 2, executor)) {
            assertEquals(0, executor.submitted(), "the supplier must not run before the first read");
            List<String> seen = new ArrayList<>();
            items.forEach(seen::add);
            assertEquals(List.of("a", "b", "c"), seen);
            assertSame(executor.threads.get(0), suppliedIn.get(), "the supplier must run in the producer thread");
        }
    }

    @Test
    void iterableSeparateRunsTheGeneratorInAThreadOfItsOwnThatEnds() throws InterruptedException {
        AtomicReference<Thread> producer = new AtomicReference<>();
        try (ThreadedIterator<Integer> items = Threaded.iterableSeparate(sink -> {
            producer.set(Thread.currentThread());
            sink.emit(1);
            sink.emit(2);
        }, 1)) {
            assertEquals(List.of(1, 2), items.stream().toList());
        }
        assertTrue(producer.get().getName().startsWith("aiomisc-iterable-"), producer.get().getName());
        IteratorTestSupport.join(producer.get());
    }
}
