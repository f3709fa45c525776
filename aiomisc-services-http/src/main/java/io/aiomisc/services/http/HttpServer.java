package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.services.http.internal.HttpCounters;
import io.aiomisc.services.http.internal.HttpEngine;
import io.aiomisc.services.http.internal.HttpSettings;
import io.aiomisc.services.http.internal.Route;
import io.aiomisc.services.http.internal.Router;
import io.aiomisc.services.tcp.NettyLoop;
import io.aiomisc.services.tcp.internal.ServerLifecycle;
import io.aiomisc.stats.Measured;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 server service on the entrypoint's shared Netty event loops ({@link NettyLoop}): routes with path
 * parameters, filters, limits, keep-alive and pipelining, a graceful drain on stop, and optional health routes.
 * <pre>{@code
 * HttpServer server = HttpServer.builder()
 *         .address("127.0.0.1", 8080)
 *         .filter(HttpFilter.requestId())
 *         .filter(HttpFilter.accessLog())
 *         .get("/users/{id}", request -> HttpResponse.ok("user " + request.pathParam("id")))
 *         .route("GET", "/ping", HandlerMode.EVENT_LOOP, request -> HttpResponse.ok("pong"))
 *         .healthRoutes()
 *         .build();
 * try (Entrypoint entrypoint = Entrypoint.builder().services(server).start()) {
 *     entrypoint.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Protocol: an unknown path gets 404, a known path with another method 405 with an {@code Allow} header, and
 * {@code HEAD} is answered by the {@code GET} route without the body. Pipelined requests are answered in request
 * order. A malformed request gets 400 (a request line over {@code maxInitialLineLength} 414, headers over
 * {@code maxHeaderSize} 431, a body over {@code maxContentLength} 413, decided from {@code Content-Length}
 * before the body is read) and the connection is closed. A handler that throws gets its client a 500 carrying
 * the {@linkplain HttpRequest#requestId() request id}; the stack trace goes to the log only. A VIRTUAL handler
 * that overruns {@code requestTimeout} is interrupted and its client gets 503 (or, if a streamed response had
 * already started, the connection is reset).
 *
 * <p>Overload: a connection beyond {@link Builder#maxConnections(int) maxConnections} does not reach any filter or
 * handler; its first request is answered {@code 503 Service Unavailable} with {@code Connection: close} and
 * {@code Retry-After: 1}, and the connection is closed, so a client can tell an overloaded server from one that
 * crashed. Such a connection waits for its request at most the idle timeout or 5 s, whichever is shorter (then it is
 * closed unanswered), and at most {@code maxConnections} of them are answered at a time (beyond that they are
 * closed at once, unanswered). The first refusal of a saturation is logged at WARN, the others at DEBUG.
 *
 * <p>Stop: the listener closes first (new connections are refused), {@code /ready} says 503 from the moment the
 * entrypoint's stop begins, idle keep-alive connections close at once, in-flight requests finish within the grace
 * period and their responses carry {@code Connection: close}; what is left after it is closed.
 *
 * <p>TLS: {@link Builder#tls(io.aiomisc.services.tcp.TlsConfig)} makes it an HTTPS server; the certificate and key
 * are read when it starts, and a connection that fails its handshake is closed without reaching a handler.
 *
 * <p>Statistics: {@link #statistics()} counts connections, requests, responses by status class, handler failures,
 * protocol errors and timeouts ({@link HttpServerStatistics}) over the server object's life, restarts included;
 * while the server runs, its entrypoint publishes them over JMX as
 * {@code io.aiomisc:type=HttpServer,entrypoint=<id>,name=<name()>}.
 *
 * <p>Thread-safety: the accessors may be called from any thread.
 */
public final class HttpServer extends Service implements Measured {
    private final String name;
    private final HttpSettings settings;
    private final ServerLifecycle<HttpEngine> lifecycle;
    private final HttpCounters counters = new HttpCounters();
    private volatile boolean stopping;

    private HttpServer(HttpServerBuilder builder) {
        this.name = builder.name;
        List<Route> routes = new ArrayList<>(builder.routes);
        if (builder.healthPath != null) {
            routes.add(new Route("GET", builder.healthPath, HandlerMode.EVENT_LOOP,
                    request -> HttpResponse.ok("OK\n"), false));
            routes.add(new Route("GET", builder.readyPath, HandlerMode.EVENT_LOOP,
                    request -> isReady() ? HttpResponse.ok("READY\n") : HttpResponse.of(503, "NOT READY\n"), false));
        }
        this.settings = new HttpSettings(builder.host, builder.port, new Router(routes), builder.filters,
                builder.maxContentLength, builder.maxHeaderSize, builder.maxInitialLineLength, builder.idleTimeout,
                builder.requestTimeout, builder.maxConnections, builder.gracePeriod, builder.serverHeader,
                builder.tls);
        this.lifecycle = new ServerLifecycle<>(builder.host, builder.port);
    }

    /**
     * Returns a new builder with the documented defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new HttpServerBuilder();
    }

    /**
     * Builds an {@link HttpServer}. Every setter validates its argument at once. Not thread-safe.
     */
    public sealed interface Builder permits HttpServerBuilder {
        /** Default {@link #maxContentLength(long)}: 1 MiB. */
        long DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024;
        /** Default {@link #maxHeaderSize(int)}: 8 KiB. */
        int DEFAULT_MAX_HEADER_SIZE = 8192;
        /** Default {@link #maxInitialLineLength(int)}: 4 KiB. */
        int DEFAULT_MAX_INITIAL_LINE_LENGTH = 4096;
        /** Default {@link #idleTimeout(java.time.Duration)}: 60 s. */
        java.time.Duration DEFAULT_IDLE_TIMEOUT = java.time.Duration.ofSeconds(60);
        /** Default {@link #requestTimeout(java.time.Duration)}: 30 s. */
        java.time.Duration DEFAULT_REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);
        /** Default {@link #gracePeriod(java.time.Duration)}: 10 s. */
        java.time.Duration DEFAULT_GRACE_PERIOD = java.time.Duration.ofSeconds(10);
        /** Default {@link #maxConnections(int)}: 10 000. */
        int DEFAULT_MAX_CONNECTIONS = 10_000;
        /** Default {@link #serverHeader(String)}: {@code aiomisc}. */
        String DEFAULT_SERVER_HEADER = "aiomisc";

        /**
         * Sets where to listen; required.
         *
         * @param host the address to bind; {@code "0.0.0.0"} or {@code "::"} for every interface
         * @param port the port, 0 for an unused one (read it back with {@link HttpServer#localAddress()})
         * @return this builder
         * @throws NullPointerException     if {@code host} is null
         * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
         * @throws IllegalStateException    if the address was already set
         */
        Builder address(String host, int port);

        /**
         * Adds a route whose handler runs on a virtual thread ({@link HandlerMode#VIRTUAL}).
         *
         * @param method  the method, e.g. {@code "GET"} (upper-cased)
         * @param pattern the path pattern: literal segments and whole-segment parameters, e.g.
         *                {@code /users/{id}}
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the method is not a token or the pattern is malformed
         * @throws IllegalStateException    if the same method and pattern were already added
         */
        Builder route(String method, String pattern, HttpHandler handler);

        /**
         * Adds a route with a handler mode.
         *
         * @param method  the method
         * @param pattern the path pattern
         * @param mode    where the filters and the handler run
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the method is not a token or the pattern is malformed
         * @throws IllegalStateException    if the same method and pattern were already added
         */
        Builder route(String method, String pattern, HandlerMode mode, HttpHandler handler);

        /**
         * Adds a VIRTUAL route whose request body is streamed: the handler is called as soon as the headers
         * arrived and reads the body from {@link HttpRequest#bodyStream()} while the client sends it, without the
         * server buffering it whole. {@code maxContentLength} does not apply (the handler decides how much to
         * read); the unread rest is discarded after the handler returns.
         *
         * @param method  the method
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the method is not a token or the pattern is malformed
         * @throws IllegalStateException    if the same method and pattern were already added
         */
        Builder streamingRoute(String method, String pattern, HttpHandler handler);

        /**
         * Adds a VIRTUAL {@code GET} route (which also answers {@code HEAD}).
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the pattern is malformed
         * @throws IllegalStateException    if the route was already added
         */
        Builder get(String pattern, HttpHandler handler);

        /**
         * Adds a VIRTUAL {@code POST} route.
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the pattern is malformed
         * @throws IllegalStateException    if the route was already added
         */
        Builder post(String pattern, HttpHandler handler);

        /**
         * Adds a VIRTUAL {@code PUT} route.
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the pattern is malformed
         * @throws IllegalStateException    if the route was already added
         */
        Builder put(String pattern, HttpHandler handler);

        /**
         * Adds a VIRTUAL {@code DELETE} route.
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the pattern is malformed
         * @throws IllegalStateException    if the route was already added
         */
        Builder delete(String pattern, HttpHandler handler);

        /**
         * Appends a filter; filters run in the order added, around every request (also 404 and 405).
         *
         * @param filter the filter
         * @return this builder
         * @throws NullPointerException if {@code filter} is null
         */
        Builder filter(HttpFilter filter);

        /**
         * Sets the largest request body read into memory; a larger {@code Content-Length} gets 413 before the
         * body is read, a larger chunked body 413 once it passes the limit; the connection is then closed.
         * Default {@link #DEFAULT_MAX_CONTENT_LENGTH}.
         *
         * @param bytes at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        Builder maxContentLength(long bytes);

        /**
         * Sets the largest header block; more gets 431 and the connection is closed. Default
         * {@link #DEFAULT_MAX_HEADER_SIZE}.
         *
         * @param bytes at least 256
         * @return this builder
         * @throws IllegalArgumentException if below 256
         */
        Builder maxHeaderSize(int bytes);

        /**
         * Sets the longest request line; longer gets 414 and the connection is closed. Default
         * {@link #DEFAULT_MAX_INITIAL_LINE_LENGTH}.
         *
         * @param bytes at least 64
         * @return this builder
         * @throws IllegalArgumentException if below 64
         */
        Builder maxInitialLineLength(int bytes);

        /**
         * Sets how long a connection may sit with no request being handled (idle keep-alive, or a client
         * stalling in the middle of a request) before it is closed. Default {@link #DEFAULT_IDLE_TIMEOUT}.
         *
         * @param timeout positive
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if not positive
         */
        Builder idleTimeout(java.time.Duration timeout);

        /**
         * Sets how long a VIRTUAL handler may take, and its streamed response; an overrunning handler is
         * interrupted and answered 503, an overrunning streamed response reset. Default
         * {@link #DEFAULT_REQUEST_TIMEOUT}.
         *
         * @param timeout positive
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if not positive
         */
        Builder requestTimeout(java.time.Duration timeout);

        /**
         * Sets the most connections open at once. A further connection is answered {@code 503 Service Unavailable}
         * with {@code Connection: close} and {@code Retry-After: 1} to its first request, then closed (see the
         * class documentation). Default {@link #DEFAULT_MAX_CONNECTIONS}.
         *
         * @param connections at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        Builder maxConnections(int connections);

        /**
         * Sets how long the stop lets in-flight requests finish before closing their connections. Default
         * {@link #DEFAULT_GRACE_PERIOD}.
         *
         * @param gracePeriod zero or positive
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if negative
         */
        Builder gracePeriod(java.time.Duration gracePeriod);

        /**
         * Adds {@code GET /health} (liveness: 200 while the server serves) and {@code GET /ready} (readiness: 200
         * only while the entrypoint is RUNNING, 503 from the moment a stop begins), both on the event loop.
         *
         * @return this builder
         * @throws IllegalStateException if health routes were already added
         */
        Builder healthRoutes();

        /**
         * Adds the health routes at other paths.
         *
         * @param healthPath the liveness path
         * @param readyPath  the readiness path
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if a path is malformed or both are the same
         * @throws IllegalStateException    if health routes were already added
         */
        Builder healthRoutes(String healthPath, String readyPath);

        /**
         * Sets the {@code Server} header of every response that has none; empty for no header. Default
         * {@link #DEFAULT_SERVER_HEADER}.
         *
         * @param value the value
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if it has CR, LF or NUL
         */
        Builder serverHeader(String value);

        /**
         * Serves HTTPS instead of plain HTTP: every connection starts with a TLS handshake (TLS 1.2 or 1.3, the
         * config's cipher suites and client authentication). The certificate and key files are read at each start,
         * so a restart picks up rotated files. A connection whose handshake fails (an untrusted or missing client
         * certificate when one is required, or plain HTTP bytes) is closed without reaching any filter or handler;
         * other connections are not affected. Default: plain HTTP.
         *
         * @param tls the server's certificate and key, and the TLS settings
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if it has no certificate and key
         * @throws IllegalStateException    if TLS was already set
         */
        Builder tls(io.aiomisc.services.tcp.TlsConfig tls);

        /**
         * Sets the service name (log lines, {@link Service#name()}). Default {@code HttpServer}.
         *
         * @param name not blank
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if blank
         */
        Builder name(String name);

        /**
         * Builds the server.
         *
         * @return a new, not yet started server
         * @throws IllegalStateException if no address was set, or a route clashes with the health routes
         */
        HttpServer build();
    }

    static HttpServer create(HttpServerBuilder builder) {
        return new HttpServer(builder);
    }

    /**
     * Acquires the entrypoint's event loops and binds; returns once the socket listens.
     *
     * @throws java.net.UnknownHostException if the host does not resolve
     * @throws java.net.BindException        if the address is in use or not local
     * @throws IllegalStateException         if the entrypoint's transport cannot be loaded, or the JDK supports
     *                                       none of the configured TLS cipher suites
     * @throws java.io.IOException           if a TLS certificate or key file cannot be read
     * @throws java.security.GeneralSecurityException if a TLS certificate, key or store is broken
     */
    @Override
    protected void start() throws Exception {
        stopping = false;
        lifecycle.startOnLoop(this, loop -> new HttpEngine(name(), settings, loop, counters));
    }

    /**
     * Drains (see the class documentation) and releases the event loops.
     *
     * @param cause why the entrypoint stops, or null
     * @throws InterruptedException if interrupted while waiting for connections to finish
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        stopping = true;
        lifecycle.stop();
    }

    /**
     * Tells whether the server should get traffic: it runs, its entrypoint is RUNNING, and no stop has begun.
     * This is what {@code /ready} answers.
     *
     * @return true while ready
     */
    public boolean isReady() {
        if (stopping || state() != State.RUNNING) {
            return false;
        }
        Entrypoint entrypoint = entrypoint();
        return entrypoint != null && entrypoint.state() == Entrypoint.State.RUNNING;
    }

    /**
     * Returns the address the server is bound to; after a stop, the address it was bound to.
     *
     * @return the bound address, with the real port when the server was built with port 0
     * @throws IllegalStateException if the server has not started yet
     */
    public InetSocketAddress localAddress() {
        return lifecycle.localAddress(this);
    }

    /**
     * Returns the number of connections open now.
     *
     * @return the count, 0 when not running
     */
    public int connections() {
        HttpEngine started = lifecycle.engine();
        return started == null ? 0 : started.connections();
    }

    /**
     * Returns the server's counters ({@link HttpServerStatistics} says what each one counts). Thread-safe; never
     * blocks; works before the first start and after a stop as well.
     *
     * @return a snapshot of the counters over the server object's life, and the connections open now
     */
    @Override
    public HttpServerStatistics statistics() {
        return counters.snapshot(connections());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return lifecycle.describe(this);
    }
}
