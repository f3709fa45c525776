package io.aiomisc.bench;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Baseline (a): the echo server a user would write directly on Netty — one event-loop thread (epoll when it
 * loads), a handler that writes back what it reads and flushes at the end of each read batch.
 */
final class NettyEchoServer {
    private NettyEchoServer() {
    }

    static TcpBenchServer.Running start() throws InterruptedException {
        return new PlainNettyServer(channel -> channel.pipeline().addLast(Echo.INSTANCE));
    }

    /** Writes back whatever arrives; the pipeline handler shared by the raw variants. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
