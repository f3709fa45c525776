package io.aiomisc.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The TCP load client: N connections on one event-loop thread, each sending a 64-byte request and waiting for
 * the 64-byte answer before sending the next (ping-pong). After a warm-up it measures for a fixed time and prints
 * one line: {@code RESULT msgs_per_s=... p50_us=... p99_us=... msgs=...}. It prints {@code MEASURING} when the
 * measured window opens, so the coordinator can sample the server's CPU time over the same window.
 *
 * <p>Usage: {@code TcpLoadClient <port> <connections> <warmup ms> <duration ms> [size]}; host 127.0.0.1.
 */
public final class TcpLoadClient {
    private static final int HISTOGRAM_MICROS = 1_000_000;

    private final int size;
    private final ByteBuf payload;
    // Touched only by the single event-loop thread.
    private final long[] histogram = new long[HISTOGRAM_MICROS + 1];
    private long count;
    private boolean measuring;

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
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long warmupMs = Long.parseLong(args[2]);
        long durationMs = Long.parseLong(args[3]);
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        new TcpLoadClient(size).run(port, connections, warmupMs, durationMs);
    }

    private void run(int port, int connections, long warmupMs, long durationMs) throws Exception {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new PingPong());
                        }
                    });
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                channels.add(bootstrap.connect("127.0.0.1", port).sync().channel());
            }
            Thread.sleep(warmupMs);
            EventLoop loop = group.next();
            loop.submit(() -> {
                measuring = true;
            }).sync();
            long start = System.nanoTime();
            System.out.println("MEASURING");
            System.out.flush();
            Thread.sleep(durationMs);
            long messages = loop.submit(() -> {
                measuring = false;
                return count;
            }).get();
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] snapshot = loop.submit(histogram::clone).get();
            for (Channel channel : channels) {
                channel.close().sync();
            }
            System.out.printf(Locale.ROOT, "RESULT msgs_per_s=%.0f p50_us=%d p99_us=%d msgs=%d%n",
                    messages / seconds, percentile(snapshot, messages, 0.50), percentile(snapshot, messages, 0.99),
                    messages);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static long percentile(long[] histogram, long total, double p) {
        long target = (long) Math.ceil(total * p);
        long seen = 0;
        for (int micros = 0; micros < histogram.length; micros++) {
            seen += histogram[micros];
            if (seen >= target && target > 0) {
                return micros;
            }
        }
        return histogram.length - 1;
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
                if (measuring) {
                    long micros = (System.nanoTime() - sentAt) / 1000;
                    histogram[(int) Math.min(micros, HISTOGRAM_MICROS)]++;
                    count++;
                }
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
