package io.aiomisc.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The TCP load client: N connections on one event-loop thread, each sending a 64-byte request and waiting for
 * the 64-byte answer before sending the next (ping-pong). After a warm-up it measures for a fixed time and prints
 * one line: {@code RESULT msgs_per_s=... p50_us=... p99_us=... msgs=...}. It prints {@code MEASURING} when the
 * measured window opens, so the coordinator can sample the server's CPU time over the same window.
 *
 * <p>Usage: {@code TcpLoadClient <port> <connections> <warmup ms> <duration ms> [size]}; host 127.0.0.1.
 */
public final class TcpLoadClient {
    private final int size;
    private final ByteBuf payload;
    private final LoadClientDriver driver = new LoadClientDriver();

    private TcpLoadClient(int size) {
        this.size = size;
        this.payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size).writeZero(size));
    }

    /**
     * Runs the client.
     *
     * @param args port, connections, warm-up ms, duration ms, optional message size (default 64)
     * @throws Exception if connecting fails
     */
    public static void main(String[] args) throws Exception {
        BenchLogging.toStderr();
        TcpLoadClient client = new TcpLoadClient(args.length > 4 ? Integer.parseInt(args[4]) : 64);
        client.driver.run(args, () -> client.new PingPong());
    }

    private final class PingPong extends ChannelInboundHandlerAdapter {
        private int received;
        private long sentAt;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            received += in.readableBytes();
            in.release();
            while (received >= size) {
                received -= size;
                driver.record(sentAt);
                send(ctx);
            }
        }

        private void send(ChannelHandlerContext ctx) {
            sentAt = System.nanoTime();
            ctx.writeAndFlush(payload.duplicate(), ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("client connection failed: " + cause);
            ctx.close();
        }
    }
}
