package io.aiomisc.services.tcp.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;

/**
 * The engine of {@code RawTcpServer}: a Netty server channel on the shared event loops, whose accepted channels
 * are counted against the limit and handed to the user's pipeline initializer.
 *
 * <p>Not reusable: one start, one stop.
 */
public final class RawServer implements ServerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RawServer.class);

    /** Sets up the pipeline of one accepted channel, on its event loop. */
    @FunctionalInterface
    public interface Initializer {
        /**
         * Sets up the pipeline.
         *
         * @param channel the accepted channel
         * @throws Exception logged; the channel is closed
         */
        void init(SocketChannel channel) throws Exception;
    }

    private final ServerSettings settings;
    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final Initializer initializer;
    private final NettyConnections connections;
    private final ConnectionCounters counters;
    private final PipelineFailureCounter failureCounter;
    private Channel listener;

    /**
     * Creates the engine; nothing is bound yet.
     *
     * @param name        the server's name, for log lines
     * @param settings    where and how to listen
     * @param group       the event loops to run on
     * @param transport   the group's transport
     * @param initializer sets up each accepted channel
     */
    public RawServer(String name, ServerSettings settings, EventLoopGroup group, NettyTransport transport,
                     Initializer initializer) {
        this(name, settings, group, transport, initializer, new ConnectionCounters());
    }

    /**
     * Creates the engine, counting into the service's counters.
     *
     * @param name        the server's name, for log lines
     * @param settings    where and how to listen
     * @param group       the event loops to run on
     * @param transport   the group's transport
     * @param initializer sets up each accepted channel
     * @param counters    the service's counters, which outlive this engine
     */
    public RawServer(String name, ServerSettings settings, EventLoopGroup group, NettyTransport transport,
                     Initializer initializer, ConnectionCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.failureCounter = new PipelineFailureCounter(counters);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.group = Objects.requireNonNull(group, "group");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.connections = new NettyConnections(name, LOG, settings.maxConnections(), settings.gracePeriod());
    }

    /**
     * Binds and starts accepting; returns once the socket listens.
     *
     * @return the bound address
     * @throws Exception if binding failed (unknown host, address in use, unsupported socket option)
     */
    @Override
    @SuppressWarnings("unchecked")
    public InetSocketAddress start() throws Exception {
        if (settings.address().isUnresolved()) {
            throw new UnknownHostException(settings.address().getHostString());
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, settings.backlog())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        admit(channel);
                    }
                });
        for (Map.Entry<SocketOption<?>, Object> e : SocketOptionScope.listener(settings.socketOptions()).entrySet()) {
            NettyTransport.OptionValue mapped = transport.map(NettyTransport.SocketKind.LISTENER, e.getKey(), e.getValue());
            bootstrap.option((ChannelOption<Object>) mapped.option(), mapped.value());
        }
        for (Map.Entry<SocketOption<?>, Object> e
                : SocketOptionScope.connection(settings.socketOptions()).entrySet()) {
            NettyTransport.OptionValue mapped = transport.map(NettyTransport.SocketKind.CONNECTION, e.getKey(), e.getValue());
            bootstrap.childOption((ChannelOption<Object>) mapped.option(), mapped.value());
        }
        ChannelFuture bound = bootstrap.bind(settings.address());
        NettyFutures.awaitOrClose(bound);
        listener = bound.channel();
        return (InetSocketAddress) listener.localAddress();
    }

    private void admit(SocketChannel channel) {
        switch (connections.admit(channel)) {
            case FULL -> {
                counters.refused();
                connections.log().refused(channel.remoteAddress());
                channel.close();
            }
            case STOPPING -> { }
            case ADMITTED -> {
                counters.accepted();
                try {
                    initializer.init(channel);
                    channel.pipeline().addLast("aiomisc-failure-counter", failureCounter);
                } catch (Throwable e) {
                    counters.handlerFailure();
                    connections.log().handlerFailed(channel.remoteAddress(), false, e);
                    channel.close();
                }
            }
        }
    }

    /**
     * Returns the number of open connections.
     *
     * @return the count now
     */
    public int connections() {
        return connections.size();
    }

    /**
     * Stops: closes the listener (the port is free when this returns), lets open connections finish for the
     * grace period, then closes the rest and waits until they are closed and their close listeners ran.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void stop() throws InterruptedException {
        connections.stop(listener, group, null);
    }
}
