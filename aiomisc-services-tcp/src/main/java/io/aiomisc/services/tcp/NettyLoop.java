package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.Option;
import io.aiomisc.services.tcp.internal.NettyTransport;
import io.aiomisc.services.tcp.internal.SharedEventLoops;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;

import java.util.Objects;

/**
 * A use of the Netty event-loop group that every Netty service of one entrypoint shares: the group is created on
 * the first {@link #acquire(Entrypoint)}, with the transport of the entrypoint's {@link #TRANSPORT} option and
 * {@link #THREADS} event loops, and shut down when the last use is {@link #close() closed}, so it lives exactly
 * as long as the services that need it. The chosen transport is logged once, when the group is created.
 *
 * <p>{@link RawTcpServer} and {@link UdpServer} acquire it in their start and close it after their stop; other
 * modules (HTTP) and user services that speak Netty do the same:
 * <pre>{@code
 * try (NettyLoop loop = NettyLoop.acquire(entrypoint())) {
 *     new Bootstrap().group(loop.group()).channel(loop.socketChannelType())...
 * }
 * }</pre>
 *
 * <p>Thread-safe. The event-loop threads are started by the thread that creates the group and inherit its
 * inheritable thread-locals, so code on them (and virtual threads they start) sees the entrypoint as
 * {@link Entrypoint#current()}.
 */
public final class NettyLoop implements AutoCloseable {
    /**
     * The transport of the entrypoint's event loops: {@link Transport#AUTO} (the default) is native epoll when it
     * loads, else NIO. Set it with {@code Entrypoint.builder().set(NettyLoop.TRANSPORT, Transport.NIO)}.
     */
    public static final Option<Transport> TRANSPORT =
            Option.of("aiomisc.netty.transport", Transport.class, Transport.AUTO);

    /**
     * The number of event-loop threads; 0 (the default) is Netty's default of twice the available processors.
     * Must not be negative.
     */
    public static final Option<Integer> THREADS = Option.of("aiomisc.netty.threads", Integer.class, 0);

    private final SharedEventLoops.Lease lease;

    private NettyLoop(SharedEventLoops.Lease lease) {
        this.lease = lease;
    }

    /**
     * Returns a use of the entrypoint's event loops, creating them if none is in use. Blocks only while the
     * group is created.
     *
     * @param entrypoint the entrypoint whose loops to use
     * @return the use; close it when done (after the channels on it are closed)
     * @throws NullPointerException     if {@code entrypoint} is null
     * @throws IllegalArgumentException if the {@link #THREADS} option is negative
     * @throws IllegalStateException    if {@link Transport#EPOLL} or {@link Transport#IO_URING} was set and cannot
     *                                  be loaded here; the cause says why
     */
    public static NettyLoop acquire(Entrypoint entrypoint) {
        Objects.requireNonNull(entrypoint, "entrypoint");
        int threads = entrypoint.option(THREADS);
        if (threads < 0) {
            throw new IllegalArgumentException(THREADS.name() + " must be >= 0 (0: Netty's default), was " + threads);
        }
        return new NettyLoop(SharedEventLoops.acquire(entrypoint, entrypoint.option(TRANSPORT), threads,
                entrypoint.debug()));
    }

    /**
     * Returns the shared group; never shut it down yourself.
     *
     * @return the event-loop group
     */
    public EventLoopGroup group() {
        return lease.group();
    }

    /**
     * Returns the transport in use, never {@link Transport#AUTO}.
     *
     * @return {@link Transport#EPOLL}, {@link Transport#IO_URING} or {@link Transport#NIO}
     */
    public Transport transport() {
        return lease.transport().transport();
    }

    /**
     * Returns the TCP listening channel class of the transport, for a {@code ServerBootstrap}.
     *
     * @return the server channel class
     */
    public Class<? extends ServerSocketChannel> serverChannelType() {
        return lease.transport().serverChannelType();
    }

    /**
     * Returns the TCP connection channel class of the transport, for a client {@code Bootstrap}.
     *
     * @return the socket channel class
     */
    public Class<? extends SocketChannel> socketChannelType() {
        return lease.transport().socketChannelType();
    }

    /**
     * Returns the UDP channel class of the transport.
     *
     * @return the datagram channel class
     */
    public Class<? extends DatagramChannel> datagramChannelType() {
        return lease.transport().datagramChannelType();
    }

    NettyTransport nettyTransport() {
        return lease.transport();
    }

    /**
     * Ends this use; the last use of the entrypoint's loops shuts them down and waits until their threads ended
     * (if that wait is interrupted, it returns at once with the interrupt flag set, and the loops terminate in
     * the background). Idempotent.
     */
    @Override
    public void close() {
        lease.close();
    }

    @Override
    public String toString() {
        return "NettyLoop[" + transport() + "]";
    }
}
