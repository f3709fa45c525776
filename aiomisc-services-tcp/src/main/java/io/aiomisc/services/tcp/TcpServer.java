package io.aiomisc.services.tcp;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.internal.ConnectionCounters;
import io.aiomisc.services.tcp.internal.ChannelUpgrade;
import io.aiomisc.services.tcp.internal.OptionChecks;
import io.aiomisc.services.tcp.internal.ServerLifecycle;
import io.aiomisc.services.tcp.internal.ServerSettings;
import io.aiomisc.services.tcp.internal.StreamServer;
import io.aiomisc.stats.Measured;

import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A TCP server service (aiomisc's {@code TCPServer}): binds when the entrypoint starts it and runs
 * {@link #handleClient(TcpConnection)} for every connection, each on a virtual thread of its own, so the
 * handler reads and writes with plain blocking calls:
 * <pre>{@code
 * class EchoServer extends TcpServer {
 *     EchoServer() { super("127.0.0.1", 0); }
 *
 *     protected void handleClient(TcpConnection connection) throws IOException {
 *         String line;
 *         while ((line = connection.readLine()) != null) {
 *             connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
 *         }
 *     }
 * }
 * }</pre>
 * When the handler returns or throws, the connection is closed; an exception affects no other connection and is
 * logged: at DEBUG when it is the socket's own error because the peer reset the connection or the network
 * dropped it (normal network life), else I/O errors at WARN in one line and anything else at ERROR with its
 * stack trace.
 *
 * <p><b>Stop.</b> The listening socket is closed first (new connections are refused and the port is free), then
 * open connections get {@link Options#gracePeriod()} to finish; the ones still open after it are closed, their
 * handlers interrupted, and the stop returns when every handler thread has ended.
 *
 * <p>Connections are served by JDK sockets on virtual threads, not by the Netty event loops; docs/tcp.md says
 * why (a measurement). The service can be started again after it stopped; every start binds anew.
 *
 * <p><b>Statistics.</b> {@link #statistics()} counts accepted, refused and failed connections, peer resets and
 * (for a {@link TlsServer}) failed handshakes
 * ({@link TcpServerStatistics}) over the server object's life, restarts included; while the server runs, its
 * entrypoint publishes them over JMX as {@code io.aiomisc:type=<class simple name>,entrypoint=<id>,name=<name()>}.
 *
 * <p>Thread-safety: {@link #localAddress()}, {@link #statistics()} and the accessors may be called from any thread.
 */
public abstract class TcpServer extends Service implements Measured {
    private final ServerLifecycle<StreamServer> lifecycle;
    private final Options options;
    private final ConnectionCounters counters = new ConnectionCounters();

    /**
     * Creates a server with {@link Options#defaults()}.
     *
     * @param host the address to bind: a host name or literal; {@code "0.0.0.0"} or {@code "::"} for every interface
     * @param port the port, 0 for an unused one (read it back with {@link #localAddress()} after the start)
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
     */
    protected TcpServer(String host, int port) {
        this(host, port, Options.defaults());
    }

    /**
     * Creates a server.
     *
     * @param host    the address to bind: a host name or literal; {@code "0.0.0.0"} or {@code "::"} for every
     *                interface
     * @param port    the port, 0 for an unused one
     * @param options backlog, connection limit, grace period, socket options, read limit
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
     */
    protected TcpServer(String host, int port, Options options) {
        this.lifecycle = new ServerLifecycle<>(OptionChecks.host(host), OptionChecks.localPort(port));
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Serves one connection, on a virtual thread of its own. Returning or throwing closes the connection.
     * Blocking is expected; interruption means the server is stopping and the grace period is over.
     *
     * @param connection the connection
     * @throws Exception logged; closes this connection only
     */
    protected abstract void handleClient(TcpConnection connection) throws Exception;

    /**
     * Binds the socket and starts accepting; returns once it listens.
     *
     * @throws java.net.UnknownHostException if the host does not resolve
     * @throws java.net.BindException        if the address is in use or not local
     * @throws IllegalArgumentException      if a socket option is not supported
     * @throws java.io.IOException           if the socket cannot be opened
     */
    @Override
    protected void start() throws Exception {
        lifecycle.start(() -> new StreamServer(name(),
                options.settings(new InetSocketAddress(lifecycle.host(), lifecycle.port())), this::handleClient,
                upgrade(), counters));
    }

    /** What each accepted connection goes through before the handler; {@link TlsServer} adds TLS here. */
    ChannelUpgrade upgrade() throws Exception {
        return ChannelUpgrade.NONE;
    }

    /**
     * Stops gracefully (see the class documentation).
     *
     * @param cause why the entrypoint stops, or null
     * @throws InterruptedException if interrupted while waiting for handlers; the stuck ones are logged
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        lifecycle.stop();
    }

    /**
     * Returns the address the server is bound to; after a stop, the address it was bound to.
     *
     * @return the bound address, with the real port when the server was created with port 0
     * @throws IllegalStateException if the server has not started yet
     */
    public final InetSocketAddress localAddress() {
        return lifecycle.localAddress(this);
    }

    /**
     * Returns the number of connections open now.
     *
     * @return the count, 0 when not running
     */
    public final int connections() {
        StreamServer server = lifecycle.engine();
        return server == null ? 0 : server.connections();
    }

    /**
     * Returns the server's counters ({@link TcpServerStatistics} says what each one counts). Thread-safe; never
     * blocks; works before the first start and after a stop as well.
     *
     * @return a snapshot of the counters over the server object's life, and the connections open now
     */
    @Override
    public final TcpServerStatistics statistics() {
        return counters.snapshot(connections());
    }

    /**
     * Returns the host given at construction.
     *
     * @return the host
     */
    public final String host() {
        return lifecycle.host();
    }

    /**
     * Returns the port given at construction (0 for an unused one; see {@link #localAddress()}).
     *
     * @return the configured port
     */
    public final int port() {
        return lifecycle.port();
    }

    /**
     * Returns the options given at construction.
     *
     * @return the options
     */
    public final Options options() {
        return options;
    }

    @Override
    public String toString() {
        return lifecycle.describe(this);
    }

    /**
     * The options of a TCP server, shared by {@link TcpServer} and {@link RawTcpServer}. Immutable; the
     * {@code with...} methods return changed copies.
     *
     * @param backlog        the listen backlog: connections the kernel queues before they are accepted, at least
     *                       1; default {@link #DEFAULT_BACKLOG}
     * @param maxConnections the most connections open at once, at least 1; extras are accepted and closed at once
     *                       (the client reads end of stream); default {@link #UNLIMITED}
     * @param gracePeriod    how long the stop lets open connections finish before closing them, not negative;
     *                       default {@link #DEFAULT_GRACE_PERIOD}
     * @param socketOptions  JDK socket options: address reuse goes to the listening socket, the receive buffer to
     *                       both, every other option to each accepted connection; default
     *                       {@link #DEFAULT_SOCKET_OPTIONS}. An option the transport cannot set fails the start.
     * @param limit          for {@link TcpServer}: the longest line or separator chunk a {@link TcpConnection}
     *                       looks for, and the size at which its output buffer is written out, in bytes, at least
     *                       1; default {@link TcpConnection#DEFAULT_LIMIT}. {@link RawTcpServer} ignores it.
     */
    public record Options(int backlog, int maxConnections, Duration gracePeriod,
                          Map<SocketOption<?>, Object> socketOptions, int limit) {
        /** The default listen backlog. */
        public static final int DEFAULT_BACKLOG = 1024;
        /** No limit on connections. */
        public static final int UNLIMITED = Integer.MAX_VALUE;
        /** The default grace period: 5 s, as long as aiomisc's {@code TCPServer} waits for its connections. */
        public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);
        /**
         * The default socket options: {@code TCP_NODELAY} on (as asyncio and Netty do: request/response traffic
         * must not wait for Nagle) and {@code SO_REUSEADDR} on (a restarted server can bind its port at once).
         */
        public static final Map<SocketOption<?>, Object> DEFAULT_SOCKET_OPTIONS = Map.of(
                StandardSocketOptions.TCP_NODELAY, true, StandardSocketOptions.SO_REUSEADDR, true);

        /**
         * Validates and copies.
         *
         * @throws NullPointerException     if {@code gracePeriod}, {@code socketOptions} or one of its keys or
         *                                  values is null
         * @throws IllegalArgumentException if a number is out of range, the grace period is negative, or a
         *                                  socket option's value is not of its type
         */
        public Options {
            OptionChecks.atLeastOne("backlog", backlog);
            OptionChecks.atLeastOne("maxConnections", maxConnections);
            OptionChecks.notNegative("gracePeriod", gracePeriod);
            OptionChecks.atLeastOne("limit", limit);
            socketOptions = OptionChecks.socketOptions(socketOptions);
        }

        /**
         * Returns the defaults.
         *
         * @return backlog {@value #DEFAULT_BACKLOG}, unlimited connections, a 5 s grace period,
         *         {@link #DEFAULT_SOCKET_OPTIONS}, a 64 KiB limit
         */
        public static Options defaults() {
            return new Options(DEFAULT_BACKLOG, UNLIMITED, DEFAULT_GRACE_PERIOD, DEFAULT_SOCKET_OPTIONS,
                    TcpConnection.DEFAULT_LIMIT);
        }

        /**
         * Returns a copy with another backlog.
         *
         * @param backlog at least 1
         * @return the copy
         * @throws IllegalArgumentException if {@code backlog < 1}
         */
        public Options withBacklog(int backlog) {
            return new Options(backlog, maxConnections, gracePeriod, socketOptions, limit);
        }

        /**
         * Returns a copy with another connection limit.
         *
         * @param maxConnections at least 1, or {@link #UNLIMITED}
         * @return the copy
         * @throws IllegalArgumentException if {@code maxConnections < 1}
         */
        public Options withMaxConnections(int maxConnections) {
            return new Options(backlog, maxConnections, gracePeriod, socketOptions, limit);
        }

        /**
         * Returns a copy with another grace period.
         *
         * @param gracePeriod not negative; zero closes open connections as soon as the listener is closed
         * @return the copy
         * @throws NullPointerException     if {@code gracePeriod} is null
         * @throws IllegalArgumentException if it is negative
         */
        public Options withGracePeriod(Duration gracePeriod) {
            return new Options(backlog, maxConnections, gracePeriod, socketOptions, limit);
        }

        /**
         * Returns a copy with one socket option set (added, or replacing the earlier value).
         *
         * @param option the option, e.g. {@code StandardSocketOptions.SO_KEEPALIVE}
         * @param value  its value
         * @param <T>    its type
         * @return the copy
         * @throws NullPointerException if an argument is null
         */
        public <T> Options withSocketOption(SocketOption<T> option, T value) {
            return new Options(backlog, maxConnections, gracePeriod,
                    OptionChecks.with(socketOptions, option, value), limit);
        }

        /**
         * Returns a copy with exactly these socket options (the defaults are dropped).
         *
         * @param socketOptions the options
         * @return the copy
         * @throws NullPointerException     if the map, a key or a value is null
         * @throws IllegalArgumentException if a value is not of its option's type
         */
        public Options withSocketOptions(Map<SocketOption<?>, Object> socketOptions) {
            return new Options(backlog, maxConnections, gracePeriod, socketOptions, limit);
        }

        /**
         * Returns a copy with another read limit.
         *
         * @param limit at least 1, in bytes
         * @return the copy
         * @throws IllegalArgumentException if {@code limit < 1}
         */
        public Options withLimit(int limit) {
            return new Options(backlog, maxConnections, gracePeriod, socketOptions, limit);
        }

        ServerSettings settings(InetSocketAddress address) {
            return new ServerSettings(address, backlog, maxConnections, gracePeriod, socketOptions, limit);
        }
    }
}
