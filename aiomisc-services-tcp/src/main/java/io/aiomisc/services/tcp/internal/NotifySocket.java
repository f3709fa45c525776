package io.aiomisc.services.tcp.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A unix datagram socket that sends systemd notifications to one address, on a one-thread epoll event loop of
 * its own. A send waits until the socket took the datagram (at most a second), so notifications arrive in call
 * order and none is lost to the close; failures are logged.
 */
public final class NotifySocket {
    /** A socket that sends nothing (notifications are off). */
    public static final NotifySocket DISABLED = new NotifySocket();

    private static final Logger LOG = LoggerFactory.getLogger(NotifySocket.class);
    /** The longest a notification may take to be sent: 1 s. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);

    private final EventLoopGroup group;
    private final Channel channel;
    private final String path;
    private ScheduledFuture<?> periodic;

    private NotifySocket() {
        this.group = null;
        this.channel = null;
        this.path = "";
    }

    private NotifySocket(EventLoopGroup group, Channel channel, String path) {
        this.group = group;
        this.channel = channel;
        this.path = path;
    }

    /**
     * Opens a datagram socket connected to {@code path}; never throws.
     *
     * @param path the socket path, or {@code @name} for the abstract namespace
     * @return the socket, or {@link #DISABLED} (with a warning) when epoll is missing or the socket fails
     */
    public static NotifySocket open(String path) {
        if (!Epoll.isAvailable()) {
            LOG.warn("NOTIFY_SOCKET={} is set, but unix datagram sockets need Netty's epoll transport, which is "
                    + "unavailable here: not sending systemd notifications", path, Epoll.unavailabilityCause());
            return DISABLED;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("systemd-notify", true), EpollIoHandler.newFactory());
        try {
            // systemd's "@name" is the abstract namespace: a path starting with a NUL byte.
            DomainSocketAddress target = new DomainSocketAddress(path.startsWith("@") ? "\0" + path.substring(1)
                    : path);
            Channel channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new Drain(path)).connect(target).syncUninterruptibly().channel();
            return new NotifySocket(group, channel, path);
        } catch (RuntimeException e) {
            LOG.warn("cannot open a unix datagram socket for NOTIFY_SOCKET={}: not sending systemd notifications",
                    path, e);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            return DISABLED;
        }
    }

    /** Drops anything that arrives (systemd sends nothing) and logs socket errors. */
    private static final class Drain extends ChannelInboundHandlerAdapter {
        private final String path;

        Drain(String path) {
            this.path = path;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("NOTIFY_SOCKET={}: {}", path, cause.toString());
        }
    }

    /**
     * Sends one datagram; blocks until the socket took it (systemd's socket takes it at once), at most
     * {@link #SEND_TIMEOUT}. A failure is logged, never thrown.
     *
     * @param message the notification, e.g. {@code READY=1}
     */
    public void send(String message) {
        if (channel == null) {
            return;
        }
        ChannelFuture sent = channel.writeAndFlush(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
        if (channel.eventLoop().inEventLoop()) {
            sent.addListener(future -> logFailure(message, future.cause()));
            return;
        }
        if (!sent.awaitUninterruptibly(SEND_TIMEOUT.toMillis())) {
            LOG.warn("could not send '{}' to NOTIFY_SOCKET={} within {}", message, path, SEND_TIMEOUT);
        } else {
            logFailure(message, sent.cause());
        }
    }

    private void logFailure(String message, Throwable cause) {
        if (cause != null) {
            LOG.warn("could not send '{}' to NOTIFY_SOCKET={}: {}", message, path, cause.toString());
        }
    }

    /**
     * Sends {@code message} now and then every {@code interval} until {@link #close()}.
     *
     * @param interval the period
     * @param message  the notification
     */
    public void every(Duration interval, String message) {
        if (channel == null) {
            return;
        }
        long nanos = Math.max(1, interval.toNanos());
        periodic = channel.eventLoop().scheduleAtFixedRate(() -> send(message), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the periodic message, closes the socket and shuts the loop down; queued datagrams go out first. */
    public void close() {
        if (channel == null) {
            return;
        }
        if (periodic != null) {
            periodic.cancel(false);
        }
        channel.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
