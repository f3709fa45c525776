package io.aiomisc.threads;

/**
 * Where a {@link Generator} puts its items: a bounded buffer read by the consumer of a
 * {@link ThreadedIterator}.
 *
 * <p>Not thread-safe: only the thread that runs {@link Generator#generate(Sink)} may call
 * {@link #emit(Object)}, and only while {@code generate} runs.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface Sink<T> {

    /**
     * Hands one item to the consumer, blocking while the buffer holds {@code maxSize} items that the
     * consumer has not taken yet.
     *
     * @param item the item, never {@code null}
     * @throws InterruptedException if the producer thread is interrupted while blocked on a full buffer
     * @throws NullPointerException if {@code item} is {@code null}
     * @throws java.util.concurrent.CancellationException once the consumer has closed the iterator
     *     (also when it closes while this call is blocked); let it propagate out of {@code generate}
     * @throws IllegalStateException if called from a thread other than the one running
     *     {@code generate}, or after {@code generate} returned
     */
    void emit(T item) throws InterruptedException;
}
