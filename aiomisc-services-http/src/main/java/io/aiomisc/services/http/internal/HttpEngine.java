package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.http.HttpRequest;
import io.aiomisc.services.http.HttpResponse;
import io.aiomisc.services.tcp.NettyLoop;
import io.aiomisc.services.tcp.internal.ConnectionTracker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine of {@code HttpServer}: a Netty listener on the shared event loops, the per-connection pipeline
 * (codec, idle timer, {@link HttpConnection}), the filter chain, and the graceful stop.
 *
 * <p>Not reusable: one start, one stop. Thread-safe.
 */
public final class HttpEngine {
    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.services.http.HttpServer");
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();
    private static final int MAX_CHUNK = 16 * 1024;

    private final String name;
    private final HttpSettings settings;
    private final NettyLoop loop;
    private final ResponseEncoder encoder;
    private final ConnectionTracker<Channel> connections;
    private volatile boolean stopping;
    private Channel listener;
    // Read once per start: the files are read then, and every connection shares the context and its session cache.
    private SSLContext sslContext;
    private SSLParameters sslParameters;

    /**
     * Creates the engine; nothing is bound yet.
     *
     * @param name     the server's name, for log lines
     * @param settings the validated settings
     * @param loop     the event loops to run on
     */
    public HttpEngine(String name, HttpSettings settings, NettyLoop loop) {
        this.name = name;
        this.settings = settings;
        this.loop = loop;
        this.encoder = new ResponseEncoder(settings.serverHeader());
        this.connections = new ConnectionTracker<>(settings.maxConnections());
    }

    /**
     * Binds and starts accepting; returns once the socket listens.
     *
     * @return the bound address
     * @throws Exception if binding failed (unknown host, address in use), or the TLS files cannot be read or are
     *                   broken
     */
    public InetSocketAddress start() throws Exception {
        if (settings.tls() != null) {
            sslContext = settings.tls().newSslContext();
            sslParameters = settings.tls().serverParameters(sslContext);
        }
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(settings.host());
        }
        ChannelFuture bound = new ServerBootstrap()
                .group(loop.group())
                .channel(loop.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        admit(channel);
                    }
                })
                .bind(address);
        try {
            bound.await();
        } catch (InterruptedException e) {
            bound.addListener(f -> bound.channel().close());
            throw e;
        }
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            if (cause instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(name + " could not bind " + address, cause);
        }
        listener = bound.channel();
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        LOG.info("{} listening on {}://{}:{} ({})", name, sslContext == null ? "http" : "https", local.getHostString(),
                local.getPort(), loop.transport());
        return local;
    }

    private void admit(SocketChannel channel) {
        if (!connections.tryAdd(channel)) {
            LOG.warn("{}: refused a connection from {}: {} connections are open (maxConnections)", name,
                    channel.remoteAddress(), settings.maxConnections());
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> connections.remove(channel));
        // Checked after tryAdd: either the stop sees this channel among the connections, or this sees the stop.
        if (stopping) {
            channel.close();
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (sslContext != null) {
            // A failed handshake (or plain bytes) fails this pipeline only: HttpConnection closes the channel.
            SSLEngine sslEngine = sslContext.createSSLEngine();
            sslEngine.setUseClientMode(false);
            sslEngine.setSSLParameters(sslParameters);
            pipeline.addLast("tls", new SslHandler(sslEngine));
        }
        pipeline.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxInitialLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize())
                .setMaxChunkSize(MAX_CHUNK)));
        pipeline.addLast("http", new HttpConnection(this, CONNECTION_IDS.incrementAndGet()));
    }

    /**
     * Runs the filters and the handler of one request; never throws: a failure becomes a 500 response carrying
     * the request id, logged with its stack trace.
     */
    HttpResponse handle(HttpRequest request, Router.Match match) {
        try {
            HttpResponse response = settings.filters().isEmpty() && match.route() != null
                    ? match.route().handler().handle(request)
                    : new Chain(settings.filters(), 0, match).next(request);
            if (response == null) {
                throw new NullPointerException("the handler of " + request + " returned null");
            }
            return response;
        } catch (InterruptedException e) {
            // The request timed out and its 503 is already on the way; this response is dropped.
            return serviceUnavailable(request);
        } catch (Throwable e) {
            LOG.error("{}: {} failed (request id {})", name, request, request.requestId(), e);
            return HttpResponse.of(500, "500 Internal Server Error\nrequest id: " + request.requestId() + "\n")
                    .header("X-Request-Id", request.requestId());
        }
    }

    HttpResponse serviceUnavailable(HttpRequest request) {
        return HttpResponse.of(503, "503 Service Unavailable\nrequest id: " + request.requestId() + "\n")
                .header("X-Request-Id", request.requestId());
    }

    private static final class Chain implements HttpFilter.Chain {
        private static final HttpResponse NOT_FOUND = HttpResponse.of(404, "404 Not Found\n");

        private final List<HttpFilter> filters;
        private final int index;
        private final Router.Match match;

        Chain(List<HttpFilter> filters, int index, Router.Match match) {
            this.filters = filters;
            this.index = index;
            this.match = match;
        }

        @Override
        public HttpResponse next(HttpRequest request) throws Exception {
            if (index < filters.size()) {
                return filters.get(index).filter(request, new Chain(filters, index + 1, match));
            }
            if (match.route() != null) {
                return match.route().handler().handle(request);
            }
            if (match.status() == 405) {
                return HttpResponse.of(405, "405 Method Not Allowed\n").header("Allow", match.allow());
            }
            return NOT_FOUND;
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
     * Stops: closes the listener (the port is free when this returns), closes idle connections at once, lets
     * in-flight requests finish for the grace period (their responses say {@code Connection: close}), then closes
     * the rest and waits until they are closed.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop() throws InterruptedException {
        stopping = true;
        if (listener == null) {
            return;
        }
        listener.close().await();
        for (Channel channel : connections.snapshot()) {
            channel.eventLoop().execute(() -> {
                HttpConnection connection = channel.pipeline().get(HttpConnection.class);
                if (connection != null) {
                    connection.drain();
                } else {
                    channel.close();
                }
            });
        }
        if (!connections.awaitEmpty(settings.gracePeriod())) {
            List<Channel> late = connections.snapshot();
            LOG.warn("{}: closing {} connection(s) with requests still in flight after the grace period of {}",
                    name, late.size(), settings.gracePeriod());
            for (Channel channel : late) {
                channel.close();
            }
            connections.awaitEmpty(null);
        }
        // Close listeners run on the channels' loops: a task queued behind them on every loop means the
        // connections' own close handling is over when stop returns.
        for (EventExecutor executor : loop.group()) {
            executor.submit(() -> { }).await();
        }
        LOG.info("{} stopped", name);
    }

    HttpSettings settings() {
        return settings;
    }

    ResponseEncoder encoder() {
        return encoder;
    }

    Logger log() {
        return LOG;
    }

    String name() {
        return name;
    }
}
