package io.aiomisc.aggregate;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One call inside a batch, as an {@link ItemBatchFunction} sees it: the caller's argument and the means to
 * answer that caller (aiomisc's {@code Arg(value, future)}). Thread-safe; only the first answer counts.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
public final class BatchItem<A, R> {

    private final A argument;
    private final CompletableFuture<R> future;

    BatchItem(A argument, CompletableFuture<R> future) {
        this.argument = argument;
        this.future = future;
    }

    /**
     * Returns the caller's argument.
     *
     * @return the argument, possibly null if the caller passed null
     */
    public A argument() {
        return argument;
    }

    /**
     * Answers the caller with a result.
     *
     * @param result the result, possibly null
     * @return true if this was the first answer, false if the item was already answered
     */
    public boolean complete(R result) {
        return future.complete(result);
    }

    /**
     * Answers the caller with a failure.
     *
     * @param failure what the caller gets
     * @return true if this was the first answer, false if the item was already answered
     * @throws NullPointerException if {@code failure} is null
     */
    public boolean fail(Throwable failure) {
        return future.completeExceptionally(Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Tells whether the item has been answered.
     *
     * @return true once answered
     */
    public boolean isDone() {
        return future.isDone();
    }

    CompletableFuture<R> future() {
        return future;
    }

    @Override
    public String toString() {
        return "BatchItem[" + argument + (future.isDone() ? ", answered]" : "]");
    }
}
