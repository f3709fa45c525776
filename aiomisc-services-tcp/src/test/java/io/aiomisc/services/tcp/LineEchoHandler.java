package io.aiomisc.services.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A line echo for {@link RawTcpServer} tests: answers every {@code \n}-terminated line with itself, and closes
 * the connection when a line grows past the limit (the raw counterpart of a {@code readLine} overrun).
 */
final class LineEchoHandler extends ChannelInboundHandlerAdapter {
    private final int limit;
    private ByteBuf pending;

    LineEchoHandler(int limit) {
        this.limit = limit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pending = ctx.alloc().buffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            pending.writeBytes(in);
        } finally {
            in.release();
        }
        int newline;
        while ((newline = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n')) >= 0) {
            int length = newline - pending.readerIndex() + 1;
            if (length > limit) {
                ctx.close();
                return;
            }
            ctx.write(pending.readRetainedSlice(length));
        }
        if (pending.readableBytes() >= limit) {
            ctx.close();
            return;
        }
        pending.discardReadBytes();
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
