package io.aiomisc.services.tcp.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.IOException;

/**
 * The last handler of every {@code RawTcpServer} pipeline: counts the exceptions no handler of the user's took
 * care of (an {@link IOException}, Netty's report of a reset or a dropped network, as a peer reset; anything else as
 * a handler failure) and passes them on unchanged, so Netty's own handling at the pipeline's tail stays as it was.
 * Only {@code exceptionCaught} is overridden, so reads and writes skip this handler.
 */
@ChannelHandler.Sharable
final class PipelineFailureCounter extends ChannelInboundHandlerAdapter {
    private final ConnectionCounters counters;

    PipelineFailureCounter(ConnectionCounters counters) {
        this.counters = counters;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            counters.peerReset();
        } else {
            counters.handlerFailure();
        }
        ctx.fireExceptionCaught(cause);
    }
}
