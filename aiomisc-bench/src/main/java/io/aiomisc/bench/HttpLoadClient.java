package io.aiomisc.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
    private static final int HISTOGRAM_MICROS = 1_000_000;

    private static final ByteBuf HEAD_END = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));
    private static final ByteBuf LENGTH = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("content-length:", StandardCharsets.US_ASCII));

    private final ByteBuf payload;
    // Touched only by the single event-loop thread.
    private final long[] histogram = new long[HISTOGRAM_MICROS + 1];
    private long count;
    private boolean measuring;

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
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long warmupMs = Long.parseLong(args[2]);
        long durationMs = Long.parseLong(args[3]);
        String path = args.length > 4 ? args[4] : "/hello";
        new HttpLoadClient(path).run(port, connections, warmupMs, durationMs);
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
                if (measuring) {
                    long micros = (System.nanoTime() - sentAt) / 1000;
                    histogram[(int) Math.min(micros, HISTOGRAM_MICROS)]++;
                    count++;
                }
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
