package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.Transport;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A concrete Netty transport (never {@link Transport#AUTO}): its I/O handler and channel classes, and the
 * mapping of JDK socket options to its channel options.
 *
 * @param transport         which one
 * @param ioHandlerFactory  makes the I/O handler of each event loop
 * @param serverChannelType the TCP listener channel class
 * @param socketChannelType the TCP connection channel class
 * @param datagramChannelType the UDP channel class
 * @param reason            why this one was chosen, for the log line
 */
public record NettyTransport(Transport transport, Supplier<IoHandlerFactory> ioHandlerFactory,
                             Class<? extends ServerSocketChannel> serverChannelType,
                             Class<? extends SocketChannel> socketChannelType,
                             Class<? extends DatagramChannel> datagramChannelType,
                             String reason) {
    private static final Map<SocketOption<?>, ChannelOption<?>> NATIVE_OPTIONS = Map.of(
            StandardSocketOptions.SO_KEEPALIVE, ChannelOption.SO_KEEPALIVE,
            StandardSocketOptions.SO_SNDBUF, ChannelOption.SO_SNDBUF,
            StandardSocketOptions.SO_RCVBUF, ChannelOption.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR, ChannelOption.SO_REUSEADDR,
            StandardSocketOptions.SO_LINGER, ChannelOption.SO_LINGER,
            StandardSocketOptions.SO_BROADCAST, ChannelOption.SO_BROADCAST,
            StandardSocketOptions.IP_TOS, ChannelOption.IP_TOS,
            StandardSocketOptions.IP_MULTICAST_TTL, ChannelOption.IP_MULTICAST_TTL,
            StandardSocketOptions.IP_MULTICAST_IF, ChannelOption.IP_MULTICAST_IF,
            StandardSocketOptions.TCP_NODELAY, ChannelOption.TCP_NODELAY);

    /**
     * Resolves the requested transport: {@link Transport#AUTO} is epoll when its native library loads, else NIO.
     *
     * @param requested the transport asked for
     * @return the transport to use
     * @throws IllegalStateException if {@link Transport#EPOLL} or {@link Transport#IO_URING} was asked for and
     *                               cannot be loaded here; the cause says why
     */
    public static NettyTransport resolve(Transport requested) {
        return switch (requested) {
            case AUTO -> Epoll.isAvailable()
                    ? epoll("AUTO: native epoll is available")
                    : nio("AUTO: native epoll is unavailable (" + Epoll.unavailabilityCause() + ")");
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("the Netty epoll transport was requested but cannot be "
                            + "loaded here; use Transport.AUTO or NIO", Epoll.unavailabilityCause());
                }
                yield epoll("requested");
            }
            case IO_URING -> {
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException("the Netty io_uring transport was requested but cannot be "
                            + "loaded here; use Transport.AUTO or NIO", IoUring.unavailabilityCause());
                }
                yield new NettyTransport(Transport.IO_URING, IoUringIoHandler::newFactory,
                        IoUringServerSocketChannel.class, IoUringSocketChannel.class, IoUringDatagramChannel.class,
                        "requested");
            }
            case NIO -> nio("requested");
        };
    }

    private static NettyTransport epoll(String reason) {
        return new NettyTransport(Transport.EPOLL, EpollIoHandler::newFactory, EpollServerSocketChannel.class,
                EpollSocketChannel.class, EpollDatagramChannel.class, reason);
    }

    private static NettyTransport nio(String reason) {
        return new NettyTransport(Transport.NIO, NioIoHandler::newFactory, NioServerSocketChannel.class,
                NioSocketChannel.class, NioDatagramChannel.class, reason);
    }

    /** The kind of socket an option is for: NIO checks it against the JDK channel of that kind. */
    public enum SocketKind {
        /** A TCP listening socket. */
        LISTENER,
        /** An accepted TCP connection. */
        CONNECTION,
        /** A UDP socket. */
        DATAGRAM
    }

    /**
     * Maps a JDK socket option to this transport's channel option.
     *
     * @param kind   the socket it is for
     * @param option the JDK option
     * @param value  its value
     * @return a setter that applies it to a bootstrap or a channel config
     * @throws IllegalArgumentException if this transport cannot set the option on that kind of socket
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public OptionValue map(SocketKind kind, SocketOption<?> option, Object value) {
        if (transport == Transport.NIO) {
            // Netty would only log an unsupported NIO option and go on; fail the start instead.
            Set<SocketOption<?>> supported = NioSupport.OPTIONS.get(kind);
            if (!supported.contains(option)) {
                throw new IllegalArgumentException("socket option " + option.name() + " is not supported by the "
                        + "NIO transport for a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " socket; "
                        + "supported: " + supported);
            }
            return new OptionValue(NioChannelOption.of((SocketOption) option), value);
        }
        if (option == StandardSocketOptions.SO_REUSEPORT) {
            return new OptionValue(transport == Transport.EPOLL
                    ? EpollChannelOption.SO_REUSEPORT : IoUringChannelOption.SO_REUSEPORT, value);
        }
        if (option == StandardSocketOptions.IP_MULTICAST_LOOP) {
            return new OptionValue(ChannelOption.IP_MULTICAST_LOOP_DISABLED, !((Boolean) value));
        }
        ChannelOption<?> mapped = NATIVE_OPTIONS.get(option);
        if (mapped == null) {
            throw new IllegalArgumentException("socket option " + option.name() + " is not supported by the "
                    + transport + " transport; supported: " + NATIVE_OPTIONS.keySet() + ", SO_REUSEPORT, "
                    + "IP_MULTICAST_LOOP (every JDK option with Transport.NIO)");
        }
        return new OptionValue(mapped, value);
    }

    /** The options the JDK's channels support, read once from throw-away channels. */
    private static final class NioSupport {
        private static final Map<SocketKind, Set<SocketOption<?>>> OPTIONS = read();

        private static Map<SocketKind, Set<SocketOption<?>>> read() {
            try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open();
                 java.nio.channels.SocketChannel connection = java.nio.channels.SocketChannel.open();
                 java.nio.channels.DatagramChannel datagram = java.nio.channels.DatagramChannel.open()) {
                return Map.of(SocketKind.LISTENER, Set.copyOf(listener.supportedOptions()),
                        SocketKind.CONNECTION, Set.copyOf(connection.supportedOptions()),
                        SocketKind.DATAGRAM, Set.copyOf(datagram.supportedOptions()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open a socket to read the supported options", e);
            }
        }
    }

    /**
     * A Netty channel option with its value.
     *
     * @param option the option
     * @param value  the value, of the option's type
     */
    public record OptionValue(ChannelOption<?> option, Object value) {
    }
}
