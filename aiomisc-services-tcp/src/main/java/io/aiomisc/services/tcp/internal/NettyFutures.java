package io.aiomisc.services.tcp.internal;

import io.netty.util.concurrent.Future;

import java.util.concurrent.CompletableFuture;

/** Conversions from Netty futures. */
public final class NettyFutures {
    private NettyFutures() {
    }

    /**
     * Waits for a Netty future and rethrows its failure.
     *
     * @param future the future
     * @param <T>    its value type
     * @return its value
     * @throws InterruptedException if interrupted while waiting
     * @throws Exception            the future's failure, unchanged when it is an {@link Exception}
     */
    public static <T> T await(Future<T> future) throws Exception {
        future.await();
        if (future.isSuccess()) {
            return future.getNow();
        }
        Throwable cause = future.cause();
        if (cause instanceof Exception e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }

    /**
     * Adapts a Netty future to a {@link CompletableFuture} that completes with it.
     *
     * @param future the future
     * @return a future completed when {@code future} is; cancelling it does not cancel the Netty one
     */
    public static CompletableFuture<Void> toCompletable(Future<?> future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }
}
