package io.aiomisc.threads;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where the producer task of a {@link ThreadedIterator} runs. Unlike a plain {@link Executor}, a
 * launcher reports a task it accepted but dropped before running it (a pool's
 * {@code shutdownNow()} drains its queue), so the consumer is not left waiting for a generator
 * that will never start.
 */
@FunctionalInterface
interface ProducerLauncher {

    /**
     * Arranges for {@code producer} to run once, in another thread.
     *
     * @param producer the producer task; running it after {@code couldNotStart} was called does nothing
     * @param couldNotStart to call, from any thread, with the reason when {@code producer} will never run
     * @throws RuntimeException or {@link Error} if the task cannot be accepted at all (for example a
     *     {@link java.util.concurrent.RejectedExecutionException}); the caller then ends the sequence with it
     */
    void launch(Runnable producer, Consumer<Throwable> couldNotStart);

    /** A launcher that hands the task to {@code executor} and never learns of a dropped task. */
    static ProducerLauncher of(Executor executor) {
        Objects.requireNonNull(executor, "producerExecutor");
        return (producer, couldNotStart) -> executor.execute(producer);
    }
}
