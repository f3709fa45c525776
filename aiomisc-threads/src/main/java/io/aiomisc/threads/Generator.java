package io.aiomisc.threads;

/**
 * Blocking code that produces a sequence of items, the Java form of a Python generator function
 * run by aiomisc's {@code threaded_iterable}.
 *
 * <p>{@link #generate(Sink)} runs once, in a thread of its own (a pool thread or a dedicated one),
 * and hands every item to {@link Sink#emit(Object)}; returning ends the sequence and throwing ends it
 * with that exception, which reaches the consumer after the items emitted before it. The consumer
 * side is a {@link ThreadedIterator}.
 *
 * <p>When the consumer closes early, the next (or the currently blocked) {@code emit} throws
 * {@link java.util.concurrent.CancellationException}; let it propagate so that the generator's
 * {@code finally} blocks run and its thread is freed.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface Generator<T> {

    /**
     * Produces the items, calling {@code sink.emit(item)} for each, from the thread this method runs in.
     *
     * @param sink where the items go; valid only during this call and only in this thread
     * @throws Exception any failure; it is delivered to the consumer after the items emitted before it
     *     (a {@link java.util.concurrent.CancellationException} thrown because the consumer closed is
     *     not delivered anywhere: nobody is listening)
     */
    void generate(Sink<T> sink) throws Exception;
}
