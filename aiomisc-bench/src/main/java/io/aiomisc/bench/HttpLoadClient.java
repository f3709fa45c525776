package io.aiomisc.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP load client: N keep-alive connections on one event-loop thread, each sending {@code GET /hello} and
 * waiting for the whole response before sending the next (no pipelining). Responses are framed by a minimal
 * parser (end of head, {@code content-length}) so the client spends as little CPU as possible. After a warm-up it measures for a fixed time and prints
 * one line: {@code RESULT msgs_per_s=... p50_us=... p99_us=... msgs=...}. It prints {@code MEASURING} when the
 * measured window opens, so the coordinator can sample the server's CPU time over the same window.
 *
 * <p>Usage: {@code HttpLoadClient <port> <connections> <warmup ms> <duration ms> [path]}; host 127.0.0.1.
 */
public final class HttpLoadClient {
    private static final ByteBuf HEAD_END = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));
    private static final ByteBuf LENGTH = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("content-length:", StandardCharsets.US_ASCII));

    private final ByteBuf payload;
    private final LoadClientDriver driver = new LoadClientDriver();

    private HttpLoadClient(String path) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(request.length).writeBytes(request));
    }

    /**
     * Runs the client.
     *
     * @param args port, connections, warm-up ms, duration ms, optional path (default /hello)
     * @throws Exception if connecting fails
     */
    public static void main(String[] args) throws Exception {
        BenchLogging.toStderr();
        HttpLoadClient client = new HttpLoadClient(args.length > 4 ? args[4] : "/hello");
        client.driver.run(args, () -> client.new PingPong());
    }

    private final class PingPong extends ChannelInboundHandlerAdapter {
        private ByteBuf pending;
        private long sentAt;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            pending = ctx.alloc().buffer(1024);
            send(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            pending.writeBytes(in);
            in.release();
            while (true) {
                int headEnd = ByteBufUtil.indexOf(HEAD_END, pending);
                if (headEnd < 0) {
                    break;
                }
                int lengthAt = ByteBufUtil.indexOf(LENGTH, pending.slice(pending.readerIndex(),
                        headEnd - pending.readerIndex()));
                int length = 0;
                if (lengthAt >= 0) {
                    for (int i = pending.readerIndex() + lengthAt + LENGTH.readableBytes(); i < headEnd; i++) {
                        byte b = pending.getByte(i);
                        if (b >= '0' && b <= '9') {
                            length = length * 10 + (b - '0');
                        } else if (b == '\r') {
                            break;
                        }
                    }
                }
                int total = headEnd + 4 + length - pending.readerIndex();
                if (pending.readableBytes() < total) {
                    break;
                }
                pending.skipBytes(total);
                driver.record(sentAt);
                send(ctx);
            }
            pending.discardReadBytes();
        }

        private void send(ChannelHandlerContext ctx) {
            sentAt = System.nanoTime();
            ctx.writeAndFlush(payload.duplicate(), ctx.voidPromise());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pending.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("client connection failed: " + cause);
            ctx.close();
        }
    }
}
