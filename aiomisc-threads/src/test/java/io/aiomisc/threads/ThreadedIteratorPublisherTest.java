package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.IteratorTestSupport.ThreadPerTask;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadedIteratorPublisherTest {

    /** Records signals; requests nothing by itself. */
    static final class Recorder<T> implements Flow.Subscriber<T> {
        final List<T> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch terminated = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        volatile boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            terminated.countDown();
        }

        void awaitTermination() throws InterruptedException {
            assertTrue(terminated.await(20, TimeUnit.SECONDS), "the subscriber never received onComplete/onError");
        }
    }

    private static ThreadedIterator<Integer> counting(int count, int maxSize, ThreadPerTask executor) {
        return ThreadedIterator.create(sink -> {
            for (int i = 0; i < count; i++) {
                sink.emit(i);
            }
        }, maxSize, executor);
    }

    @Test
    void deliversExactlyTheRequestedItemsThenCompletes() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("pub");
        ThreadedIterator<Integer> iterator = counting(1000, 4, executor);
        Recorder<Integer> recorder = new Recorder<>();
        iterator.publisher().subscribe(recorder);
        assertEquals(1, executor.submitted(), "subscribing must start the generator");
        recorder.subscription.request(3);
        IteratorTestSupport.awaitCondition("three requested items never arrived", () -> recorder.items.size() == 3);
        // The generator blocks on the full buffer: nothing beyond the demand can arrive.
        IteratorTestSupport.awaitParkedInHandOff(executor.threads.get(0));
        assertEquals(List.of(0, 1, 2), recorder.items, "the publisher must not exceed the demand");

        recorder.subscription.request(Long.MAX_VALUE);
        recorder.awaitTermination();
        assertTrue(recorder.completed);
        assertEquals(1000, recorder.items.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, recorder.items.get(i));
        }
    }

    @Test
    void cancellingTheSubscriptionStopsTheGenerator() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask("pub-cancel");
        AtomicReference<Throwable> emitFailure = new AtomicReference<>();
        CountDownLatch finallyRan = new CountDownLatch(1);
        ThreadedIterator<Integer> iterator = ThreadedIterator.create(sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.emit(i);
                }
            } catch (CancellationException e) {
                emitFailure.set(e);
                throw e;
            } finally {
                finallyRan.countDown();
            }
        }, 2, executor);
        Recorder<Integer> recorder = new Recorder<>();
        iterator.publisher().subscribe(recorder);
        recorder.subscription.request(5);
        IteratorTestSupport.awaitCondition("requested items never arrived", () -> recorder.items.size() == 5);
        recorder.subscription.cancel();

        assertTrue(finallyRan.await(20, TimeUnit.SECONDS), "cancelling did not stop the generator");
        assertInstanceOf(CancellationException.class, emitFailure.get());
        IteratorTestSupport.join(executor.threads.get(0));
        assertNull(recorder.error.get(), "a cancelled subscriber must not receive onError");
        assertEquals(1, recorder.terminated.getCount(), "a cancelled subscriber must not receive a terminal signal");
    }

    @Test
    void signalsTheItemsBeforeAFailureThenOnError() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        ThreadedIterator<Integer> iterator = ThreadedIterator.create(sink -> {
            for (int i = 0; i < 7; i++) {
                sink.emit(i);
            }
            throw boom;
        }, 2, new ThreadPerTask("pub-fail"));
        Recorder<Integer> recorder = new Recorder<>();
        iterator.publisher().subscribe(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        recorder.awaitTermination();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), recorder.items);
        assertSame(boom, recorder.error.get(), "onError must carry the generator's exception");
    }

    @Test
    void rejectsASecondSubscriberWithOnError() throws InterruptedException {
        ThreadedIterator<Integer> iterator = counting(3, 4, new ThreadPerTask("pub-two"));
        Flow.Publisher<Integer> publisher = iterator.publisher();
        assertSame(publisher, iterator.publisher(), "publisher() returns one publisher per iterator");
        Recorder<Integer> first = new Recorder<>();
        Recorder<Integer> second = new Recorder<>();
        publisher.subscribe(first);
        publisher.subscribe(second);
        second.awaitTermination();
        assertEquals(0, second.subscribed.getCount(), "rule 1.9: onSubscribe comes before onError");
        assertInstanceOf(IllegalStateException.class, second.error.get());

        first.subscription.request(10);
        first.awaitTermination();
        assertEquals(List.of(0, 1, 2), first.items, "the first subscriber is unaffected by the rejected one");
    }

    @Test
    void closingTheIteratorSignalsCancellationToTheSubscriber() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadedIterator<Integer> iterator = ThreadedIterator.create(sink -> release.await(), 2, new ThreadPerTask("pub-close"));
        Recorder<Integer> recorder = new Recorder<>();
        iterator.publisher().subscribe(recorder);
        recorder.subscription.request(1);
        iterator.close();
        recorder.awaitTermination();
        assertInstanceOf(CancellationException.class, recorder.error.get(),
                "a subscriber whose iterator was closed by someone else must learn about it");
        release.countDown();
    }

    @Test
    void closingTheIteratorSignalsCancellationToASubscriberWithoutDemandWhileItemsAreBuffered()
            throws InterruptedException {
        CountDownLatch bufferFull = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ThreadedIterator<Integer> iterator = ThreadedIterator.create(sink -> {
            for (int i = 0; i < 3; i++) { // one for the subscriber, two fill the buffer
                sink.emit(i);
            }
            bufferFull.countDown();
            release.await();
        }, 2, new ThreadPerTask("pub-close-buffered"));
        Recorder<Integer> recorder = new Recorder<>();
        iterator.publisher().subscribe(recorder);
        recorder.subscription.request(1);
        assertTrue(bufferFull.await(20, TimeUnit.SECONDS), "the generator never filled the buffer");
        IteratorTestSupport.awaitCondition("the requested item never arrived", () -> recorder.items.size() == 1);

        iterator.close();

        recorder.awaitTermination();
        assertInstanceOf(CancellationException.class, recorder.error.get(),
                "a subscriber with no outstanding demand must still learn that its iterator was closed");
        assertEquals(List.of(0), recorder.items, "closing must not deliver items beyond the demand");
        release.countDown();
    }
}
