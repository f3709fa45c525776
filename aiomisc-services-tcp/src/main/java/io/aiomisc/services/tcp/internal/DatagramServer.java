package io.aiomisc.services.tcp.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The engine of {@code UdpServer}: a Netty datagram channel on the shared event loops; every datagram is copied
 * off the loop and handled on a virtual thread of its own. At most {@code maxConcurrency} handlers run at once:
 * at the limit the channel stops reading, so further datagrams wait in the kernel's receive buffer (and are
 * dropped by the kernel when it overflows, as UDP does).
 *
 * <p>Not reusable: one start, one stop.
 */
public final class DatagramServer implements ServerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramServer.class);

    /** Handles one datagram, on its own virtual thread. */
    @FunctionalInterface
    public interface DatagramHandler {
        /**
         * Handles a datagram.
         *
         * @param data   the payload
         * @param sender where it came from
         * @throws Exception logged; the server goes on
         */
        void handle(byte[] data, InetSocketAddress sender) throws Exception;
    }

    private final String name;
    private final InetSocketAddress address;
    private final Map<SocketOption<?>, Object> socketOptions;
    private final int maxDatagramSize;
    private final Duration gracePeriod;
    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final DatagramHandler handler;
    private final ConnectionTracker<Thread> inFlight;
    private final Thread.Builder handlerThreads;
    private final DatagramCounters counters;
    private volatile boolean stopping;
    private volatile Channel channel;

    /**
     * Creates the engine; nothing is bound yet.
     *
     * @param name            the server's name, for thread names and log lines
     * @param address         where to bind
     * @param socketOptions   options for the socket
     * @param maxConcurrency  the most handlers running at once
     * @param maxDatagramSize the largest datagram received whole, in bytes; longer ones are truncated
     * @param gracePeriod     how long the stop lets running handlers finish before interrupting them
     * @param group           the event loops to run on
     * @param transport       the group's transport
     * @param handler         what runs per datagram
     */
    public DatagramServer(String name, InetSocketAddress address, Map<SocketOption<?>, Object> socketOptions,
                          int maxConcurrency, int maxDatagramSize, Duration gracePeriod,
                          EventLoopGroup group, NettyTransport transport, DatagramHandler handler) {
        this(name, address, socketOptions, maxConcurrency, maxDatagramSize, gracePeriod, group, transport, handler,
                new DatagramCounters());
    }

    /**
     * Creates the engine, counting into the service's counters.
     *
     * @param name            the server's name, for thread names and log lines
     * @param address         where to bind
     * @param socketOptions   options for the socket
     * @param maxConcurrency  the most handlers running at once
     * @param maxDatagramSize the largest datagram received whole, in bytes; longer ones are truncated
     * @param gracePeriod     how long the stop lets running handlers finish before interrupting them
     * @param group           the event loops to run on
     * @param transport       the group's transport
     * @param handler         what runs per datagram
     * @param counters        the service's counters, which outlive this engine
     */
    public DatagramServer(String name, InetSocketAddress address, Map<SocketOption<?>, Object> socketOptions,
                          int maxConcurrency, int maxDatagramSize, Duration gracePeriod,
                          EventLoopGroup group, NettyTransport transport, DatagramHandler handler,
                          DatagramCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.socketOptions = Map.copyOf(socketOptions);
        this.maxDatagramSize = maxDatagramSize;
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
        this.group = Objects.requireNonNull(group, "group");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.inFlight = new ConnectionTracker<>(maxConcurrency);
        this.handlerThreads = Thread.ofVirtual().name(name + "-datagram-", 1);
    }

    /**
     * Binds; returns once datagrams can arrive.
     *
     * @return the bound address
     * @throws Exception if binding failed (unknown host, address in use, unsupported socket option)
     */
    @Override
    @SuppressWarnings("unchecked")
    public InetSocketAddress start() throws Exception {
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannelType())
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramSize))
                .handler(new Receiver());
        for (Map.Entry<SocketOption<?>, Object> e : socketOptions.entrySet()) {
            NettyTransport.OptionValue mapped = transport.map(NettyTransport.SocketKind.DATAGRAM, e.getKey(), e.getValue());
            bootstrap.option((ChannelOption<Object>) mapped.option(), mapped.value());
        }
        ChannelFuture binding = bootstrap.bind(address);
        NettyFutures.awaitOrClose(binding);
        Channel bound = binding.channel();
        channel = bound;
        return (InetSocketAddress) bound.localAddress();
    }

    /**
     * Sends a datagram; never blocks.
     *
     * @param data      the payload (not copied: do not change it until the future completes)
     * @param recipient where to send it
     * @return completes when the datagram was handed to the kernel, or fails with the reason
     * @throws IllegalStateException if not started or stopped
     */
    public CompletableFuture<Void> send(byte[] data, InetSocketAddress recipient) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(recipient, "recipient");
        Channel current = channel;
        if (current == null || stopping) {
            throw new IllegalStateException("not started");
        }
        return NettyFutures.toCompletable(
                current.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), recipient)));
    }

    /**
     * Returns how many handlers run now.
     *
     * @return the count
     */
    public int running() {
        return inFlight.size();
    }

    /**
     * Stops: closes the socket, lets running handlers finish for the grace period, then interrupts the rest and
     * waits until every handler thread ended.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        Channel current = channel;
        if (current == null) {
            return;
        }
        current.close().await();
        List<Thread> running = inFlight.snapshot();
        if (!inFlight.awaitEmpty(gracePeriod)) {
            LOG.info("{}: interrupting {} datagram handler(s) still running after the grace period of {}",
                    name, inFlight.size(), gracePeriod);
            inFlight.snapshot().forEach(Thread::interrupt);
        }
        for (Thread thread : running) {
            thread.join();
        }
    }

    private void handle(Thread self, byte[] data, InetSocketAddress sender) {
        try {
            handler.handle(data, sender);
        } catch (Throwable e) {
            if (stopping && interruption(e)) {
                LOG.debug("{}: handler for a datagram from {} interrupted by the stop", name, sender);
            } else {
                counters.handlerFailure();
                LOG.error("{}: handler for a datagram from {} failed", name, sender, e);
            }
        } finally {
            inFlight.remove(self);
            Channel current = channel;
            if (current != null && !current.config().isAutoRead()) {
                current.eventLoop().execute(this::resumeIfBelowLimit);
            }
        }
    }

    /**
     * Whether a handler's exception is how an interruption surfaced: as InterruptedException, or from channel or
     * socket I/O (ClosedByInterruptException, InterruptedIOException other than a timeout, or any I/O error
     * thrown while the thread's interrupt status is set, as virtual-thread socket I/O does).
     */
    private static boolean interruption(Throwable e) {
        if (e instanceof InterruptedException || e instanceof ClosedByInterruptException) {
            return true;
        }
        if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
            return true;
        }
        return e instanceof IOException && Thread.currentThread().isInterrupted();
    }

    private void resumeIfBelowLimit() {
        Channel current = channel;
        if (!stopping && current != null && inFlight.size() < inFlight.max()) {
            current.config().setAutoRead(true);
        }
    }

    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            counters.received();
            ByteBuf content = packet.content();
            byte[] data = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), data);
            InetSocketAddress sender = packet.sender();
            Thread[] self = new Thread[1];
            Thread thread = handlerThreads.unstarted(() -> handle(self[0], data, sender));
            self[0] = thread;
            if (!inFlight.tryAdd(thread)) {
                counters.dropped();
                LOG.debug("{}: dropped a datagram from {}: {} handlers running", name, sender, inFlight.max());
                return;
            }
            if (inFlight.size() >= inFlight.max()) {
                ctx.channel().config().setAutoRead(false);
                // A handler that ended between the count and the switch saw auto-read still on: look again.
                resumeIfBelowLimit();
            }
            thread.start();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("{}: datagram channel error: {}", name, cause.toString());
        }
    }
}
