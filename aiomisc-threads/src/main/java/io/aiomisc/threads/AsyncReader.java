package io.aiomisc.threads;

import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Serves {@link ThreadedIterator#nextAsync()}: futures are queued in call order and completed by one
 * {@linkplain SerialDrain drain loop}, which runs on the caller's thread or, when
 * futures wait for items, on the producer thread (this reader is then the hand-off's consumer waiter).
 */
final class AsyncReader<T> extends SerialDrain {

    /** Keeps the iterator, whose cleaner would otherwise close the hand-off, reachable while futures wait. */
    private final ThreadedIterator<T> owner;
    private final HandOff<T> handOff;
    private final ConcurrentLinkedQueue<CompletableFuture<T>> pending = new ConcurrentLinkedQueue<>();

    // Confined to the drain loop.
    /** An item whose future was cancelled while we completed it; it goes to the next future. */
    private T carried;
    private boolean ended;

    AsyncReader(ThreadedIterator<T> owner, HandOff<T> handOff) {
        this.owner = owner;
        this.handOff = handOff;
    }

    CompletableFuture<T> next() {
        CompletableFuture<T> future = new CompletableFuture<>();
        pending.offer(future);
        owner.start();
        drain();
        return future;
    }

    @Override
    void drainOnce() {
        boolean registered = false;
        for (;;) {
            CompletableFuture<T> future = pending.peek();
            if (future == null) {
                return;
            }
            if (future.isDone()) {
                pending.poll();
                continue;
            }
            if (ended) {
                pending.poll();
                future.completeExceptionally(new NoSuchElementException("the ThreadedIterator is exhausted"));
                continue;
            }
            if (handOff.isClosed()) {
                pending.poll();
                future.completeExceptionally(new CancellationException("the ThreadedIterator was closed"));
                continue;
            }
            boolean done = handOff.isDone();
            T item = carried != null ? carried : handOff.poll();
            carried = null;
            if (item != null) {
                pending.poll();
                if (!future.complete(item)) {
                    carried = item;
                }
                continue;
            }
            if (done) {
                ended = true;
                Throwable failure = handOff.failure();
                handOff.close();
                pending.poll();
                future.completeExceptionally(failure != null
                        ? failure
                        : new NoSuchElementException("the ThreadedIterator is exhausted"));
                continue;
            }
            if (registered) {
                return;
            }
            // Ask the producer to run us on its next item or its end, then look once more.
            handOff.register(this);
            registered = true;
        }
    }
}
