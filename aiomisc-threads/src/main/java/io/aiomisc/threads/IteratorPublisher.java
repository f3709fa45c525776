package io.aiomisc.threads;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Flow.Publisher} view of a {@link ThreadedIterator}: one subscriber, served by an
 * {@link IteratorSubscription}; later subscribers are rejected as Reactive Streams rule 1.9 requires
 * (onSubscribe, then onError).
 */
final class IteratorPublisher<T> implements Flow.Publisher<T> {

    private final ThreadedIterator<T> owner;
    private final HandOff<T> handOff;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    IteratorPublisher(ThreadedIterator<T> owner, HandOff<T> handOff) {
        this.owner = owner;
        this.handOff = handOff;
    }

    /**
     * Subscribes the one subscriber this publisher serves and starts the generator.
     *
     * @throws NullPointerException if {@code subscriber} is null (rule 1.9)
     */
    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(RejectedSubscription.INSTANCE);
            subscriber.onError(new IllegalStateException(
                    "a ThreadedIterator publisher serves one subscriber and already has one"));
            return;
        }
        new IteratorSubscription<>(subscriber, owner, handOff).begin();
    }

    @Override
    public String toString() {
        return "IteratorPublisher[" + owner + "]";
    }

    /** What a rejected subscriber gets before its onError: a subscription that does nothing. */
    private enum RejectedSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
            // Nothing will ever be delivered to a rejected subscriber.
        }

        @Override
        public void cancel() {
            // Already terminated by onError.
        }
    }
}
