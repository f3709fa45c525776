package io.aiomisc.threads;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static helpers that run blocking code in other threads.
 *
 * <p>This file holds only the iterator entry points of {@code Threaded}; the rest of the class
 * ({@code call}, {@code run}, {@code threaded}, {@code separate}, {@code virtual}, {@code defaultPool},
 * {@code iterable}, {@code iterate}) lives with the thread pool.
 */
public final class Threaded {

    private static final AtomicLong ITERABLE_THREADS = new AtomicLong();

    /** Starts each producer in a fresh daemon platform thread, as Python's {@code threaded_iterable_separate}. */
    private static final Executor SEPARATE_THREAD = task -> {
        Thread thread = new Thread(task, "aiomisc-iterable-" + ITERABLE_THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    };

    private Threaded() {
    }

    /**
     * Runs {@code generator} in a new thread of its own (a daemon platform thread named
     * {@code aiomisc-iterable-N}) and returns its consumer side; Python aiomisc's
     * {@code threaded_iterable_separate}. Nothing runs until the first read of the returned iterator; the
     * thread ends when the generator returns, throws, or stops after the iterator is closed.
     * Thread-safe; never blocks.
     *
     * @param generator the blocking code that emits the items
     * @param maxSize how many items the buffer holds before {@link Sink#emit} blocks; at least 1
     *     (values above 2<sup>30</sup> count as 2<sup>30</sup>)
     * @param <T> the type of the items
     * @return the iterator, to be closed by the consumer (try-with-resources)
     * @throws IllegalArgumentException if {@code maxSize < 1}
     * @throws NullPointerException if {@code generator} is null
     */
    public static <T> ThreadedIterator<T> iterableSeparate(Generator<? extends T> generator, int maxSize) {
        return ThreadedIterator.create(generator, maxSize, SEPARATE_THREAD);
    }
}
