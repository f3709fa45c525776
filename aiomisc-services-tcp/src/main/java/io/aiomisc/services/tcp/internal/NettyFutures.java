package io.aiomisc.services.tcp.internal;

import io.netty.channel.ChannelFuture;
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
     * Waits for a bind; if the wait is interrupted, closes the channel (the bind may still succeed after the
     * interrupt, and nobody would close it) before rethrowing.
     *
     * @param bind the bind future
     * @throws InterruptedException if interrupted; the channel is closed
     * @throws Exception            the bind's failure
     */
    public static void awaitOrClose(ChannelFuture bind) throws Exception {
        try {
            await(bind);
        } catch (InterruptedException e) {
            bind.channel().close().awaitUninterruptibly();
            throw e;
        }
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
