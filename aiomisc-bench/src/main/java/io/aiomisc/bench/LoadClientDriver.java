package io.aiomisc.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
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
import java.util.function.Supplier;

/**
 * The part shared by {@link TcpLoadClient} and {@link HttpLoadClient}: opens N connections to 127.0.0.1 on one
 * event-loop thread, waits out the warm-up, prints {@code MEASURING}, records the latency of every answer
 * received in the measured window, then prints {@code RESULT msgs_per_s=... p50_us=... p99_us=... msgs=...}.
 * {@link #record} must be called only on that event-loop thread (the protocol handlers run there).
 */
final class LoadClientDriver {
    private static final int HISTOGRAM_MICROS = 1_000_000;

    // Touched only by the single event-loop thread.
    private final long[] histogram = new long[HISTOGRAM_MICROS + 1];
    private long count;
    private boolean measuring;

    /**
     * Counts one answer to a request sent at {@code sentAtNanos} ({@link System#nanoTime()}) if the measured
     * window is open. Event-loop thread only.
     */
    void record(long sentAtNanos) {
        if (measuring) {
            long micros = (System.nanoTime() - sentAtNanos) / 1000;
            histogram[(int) Math.min(micros, HISTOGRAM_MICROS)]++;
            count++;
        }
    }

    /**
     * Connects, measures and prints the result line; blocks for the warm-up plus the duration.
     *
     * @param args    port, connections, warm-up ms, duration ms (a client's own arguments follow)
     * @param handler a new protocol handler per connection
     * @throws NumberFormatException if one of the first four arguments is not a number
     * @throws Exception             if connecting fails or the run is interrupted
     */
    void run(String[] args, Supplier<ChannelHandler> handler) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long warmupMs = Long.parseLong(args[2]);
        long durationMs = Long.parseLong(args[3]);
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
                            channel.pipeline().addLast(handler.get());
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
}
