package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.http.HttpRequest;
import io.aiomisc.services.http.HttpResponse;
import io.aiomisc.services.tcp.NettyLoop;
import io.aiomisc.services.tcp.internal.NettyConnections;
import io.aiomisc.services.tcp.internal.NettyFutures;
import io.aiomisc.services.tcp.internal.ServerEngine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslHandler;
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
public final class HttpEngine implements ServerEngine {
    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.services.http.HttpServer");
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();
    private static final int MAX_CHUNK = 16 * 1024;
    private static final String ENCODER = "encoder";
    private static final HttpResponse BAD_REQUEST = HttpResponse.of(400, "400 Bad Request\n");

    private final String name;
    private final HttpSettings settings;
    private final NettyLoop loop;
    private final ResponseEncoder encoder;
    private final NettyConnections connections;
    private final OverloadAnswer overload;
    private final HttpCounters counters;
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
     * @param counters the server's counters, which outlive this engine
     */
    public HttpEngine(String name, HttpSettings settings, NettyLoop loop, HttpCounters counters) {
        this.name = name;
        this.counters = counters;
        this.settings = settings;
        this.loop = loop;
        this.encoder = new ResponseEncoder(settings.serverHeader());
        this.connections = new NettyConnections(name, LOG, settings.maxConnections(), settings.gracePeriod());
        this.overload = new OverloadAnswer(this, settings.maxConnections(), settings.idleTimeout());
    }

    /**
     * Binds and starts accepting; returns once the socket listens.
     *
     * @return the bound address
     * @throws Exception if binding failed (unknown host, address in use), or the TLS files cannot be read or are
     *                   broken
     */
    @Override
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
        NettyFutures.awaitOrClose(bound);
        listener = bound.channel();
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        LOG.info("{} listening on {}://{}:{} ({})", name, sslContext == null ? "http" : "https", local.getHostString(),
                local.getPort(), loop.transport());
        return local;
    }

    private void admit(SocketChannel channel) {
        switch (connections.admit(channel)) {
            case FULL -> {
                counters.refused();
                connections.log().refused(channel.remoteAddress());
                overload.answer(channel);
            }
            case STOPPING -> { }
            case ADMITTED -> {
                counters.accepted();
                addProtocolHandlers(channel.pipeline());
                channel.pipeline().addLast("http", new HttpConnection(this, CONNECTION_IDS.incrementAndGet()));
            }
        }
    }

    /**
     * Adds what turns bytes into HTTP messages and back: TLS when configured, the request decoder with the limits,
     * and Netty's response encoder for streamed responses; complete responses, which {@link ResponseEncoder}
     * already turned into bytes, are written past it (see {@link #bytesOut}).
     */
    void addProtocolHandlers(ChannelPipeline pipeline) {
        if (sslContext != null) {
            // A failed handshake (or plain bytes) fails this pipeline only: its last handler closes the channel.
            SSLEngine sslEngine = sslContext.createSSLEngine();
            sslEngine.setUseClientMode(false);
            sslEngine.setSSLParameters(sslParameters);
            pipeline.addLast("tls", new SslHandler(sslEngine));
        }
        pipeline.addLast("decoder", new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxInitialLineLength())
                .setMaxHeaderSize(settings.maxHeaderSize())
                .setMaxChunkSize(MAX_CHUNK)));
        pipeline.addLast(ENCODER, new HttpResponseEncoder());
    }

    /**
     * Returns where encoded bytes enter a pipeline that {@link #addProtocolHandlers} set up: just past the response
     * encoder, which has no state between responses, so the bytes of a complete response and the messages of a
     * streamed one may follow each other (all written on the channel's event loop).
     *
     * @param pipeline the channel's pipeline
     * @return the context to write {@code ByteBuf}s through
     */
    static ChannelHandlerContext bytesOut(ChannelPipeline pipeline) {
        return pipeline.context(ENCODER);
    }

    /**
     * Runs the filters and the handler of one request; never throws: a failure becomes a 500 response carrying
     * the request id, logged with its stack trace. A malformed percent escape in the path (found by the router) or
     * in the query (found when a filter or the handler reads it) is a protocol error instead: 400, logged at debug.
     * An {@link InterruptedException} after the server interrupted
     * the handler (its request timed out, or its connection is gone) is not a failure: its response is dropped.
     */
    HttpResponse handle(HttpRequest request, Router.Match match, Exchange ex) {
        try {
            HttpResponse response = settings.filters().isEmpty() && match.route() != null
                    ? match.route().handler().handle(request)
                    : new Chain(settings.filters(), 0, match).next(request);
            if (response == null) {
                throw new NullPointerException("the handler of " + request + " returned null");
            }
            return response;
        } catch (Throwable e) {
            if (e instanceof MalformedEscapeException) {
                counters.protocolError();
                LOG.debug("{}: 400 to {}: {}", name, request.remoteAddress(), e.getMessage());
                return BAD_REQUEST;
            }
            if (e instanceof InterruptedException && ex.interruptedByServer) {
                // The request timed out and its 503 is already on the way (or there is no connection to answer).
                return serviceUnavailable(request);
            }
            counters.handlerFailure();
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
            if (match.status() == 400) {
                throw new MalformedEscapeException("malformed percent escape in the path of " + request, null);
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
    @Override
    public void stop() throws InterruptedException {
        boolean bound = listener != null;
        overload.stop();
        connections.stop(listener, loop.group(), channel -> {
            HttpConnection connection = channel.pipeline().get(HttpConnection.class);
            if (connection != null) {
                connection.drain();
            } else {
                channel.close();
            }
        });
        if (bound) {
            LOG.info("{} stopped", name);
        }
    }

    HttpSettings settings() {
        return settings;
    }

    ResponseEncoder encoder() {
        return encoder;
    }

    HttpCounters counters() {
        return counters;
    }

    Logger log() {
        return LOG;
    }

    String name() {
        return name;
    }
}
