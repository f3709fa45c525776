package io.aiomisc.services.tcp;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.internal.ConnectionCounters;
import io.aiomisc.services.tcp.internal.OptionChecks;
import io.aiomisc.services.tcp.internal.RawServer;
import io.aiomisc.services.tcp.internal.ServerLifecycle;
import io.aiomisc.stats.Measured;
import io.netty.channel.socket.SocketChannel;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP server service that hands every accepted connection to a Netty pipeline, for full speed: the
 * connection is served on the entrypoint's shared event loops ({@link NettyLoop}), with no thread per
 * connection.
 * <pre>{@code
 * class Echo extends RawTcpServer {
 *     Echo() { super("127.0.0.1", 0); }
 *
 *     protected void initChannel(SocketChannel channel) {
 *         channel.pipeline().addLast(new EchoHandler());
 *     }
 * }
 * }</pre>
 * Code in the pipeline runs on an event loop and must not block; hand blocking work to a virtual thread or the
 * entrypoint's thread pool.
 *
 * <p>{@link TcpServer.Options} applies as for {@link TcpServer}, except its {@code limit}. Extra connections
 * beyond {@code maxConnections} are closed before {@link #initChannel} sees them. Stop: the listener is closed
 * first, open connections get the grace period, the rest are closed, and the stop returns once their close
 * listeners ran; the event loops are released (and shut down when no other Netty service of the entrypoint
 * uses them).
 *
 * <p><b>Statistics.</b> {@link #statistics()} counts accepted, refused and failed connections and peer resets
 * ({@link TcpServerStatistics}) over the server object's life, restarts included; while the server runs, its
 * entrypoint publishes them over JMX as {@code io.aiomisc:type=<class simple name>,entrypoint=<id>,name=<name()>}.
 * To count failures, the server adds one handler of its own at the end of every pipeline after
 * {@link #initChannel}: it only sees exceptions no handler before it took care of, counts them, and passes them on
 * (so Netty's tail still logs them as before); reads and writes do not pass through it.
 *
 * <p>Thread-safety: {@link #localAddress()}, {@link #statistics()} and the accessors may be called from any thread.
 */
public abstract class RawTcpServer extends Service implements Measured {
    private final ServerLifecycle<RawServer> lifecycle;
    private final TcpServer.Options options;
    private final ConnectionCounters counters = new ConnectionCounters();

    /**
     * Creates a server with {@link TcpServer.Options#defaults()}.
     *
     * @param host the address to bind; {@code "0.0.0.0"} or {@code "::"} for every interface
     * @param port the port, 0 for an unused one (read it back with {@link #localAddress()} after the start)
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
     */
    protected RawTcpServer(String host, int port) {
        this(host, port, TcpServer.Options.defaults());
    }

    /**
     * Creates a server.
     *
     * @param host    the address to bind; {@code "0.0.0.0"} or {@code "::"} for every interface
     * @param port    the port, 0 for an unused one
     * @param options backlog, connection limit, grace period, socket options
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
     */
    protected RawTcpServer(String host, int port, TcpServer.Options options) {
        this.lifecycle = new ServerLifecycle<>(OptionChecks.host(host), OptionChecks.localPort(port));
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Sets up the pipeline of one accepted connection; runs on the connection's event loop.
     *
     * @param channel the accepted channel
     * @throws Exception logged; that connection is closed
     */
    protected abstract void initChannel(SocketChannel channel) throws Exception;

    /**
     * Acquires the entrypoint's event loops and binds; returns once the socket listens.
     *
     * @throws java.net.UnknownHostException if the host does not resolve
     * @throws java.net.BindException        if the address is in use or not local
     * @throws IllegalArgumentException      if the transport cannot set a socket option
     * @throws IllegalStateException         if the entrypoint's transport cannot be loaded
     */
    @Override
    protected void start() throws Exception {
        lifecycle.startOnLoop(this, loop -> new RawServer(name(),
                options.settings(new InetSocketAddress(lifecycle.host(), lifecycle.port())), loop.group(),
                loop.nettyTransport(), this::initChannel, counters));
    }

    /**
     * Stops gracefully (see the class documentation) and releases the event loops.
     *
     * @param cause why the entrypoint stops, or null
     * @throws InterruptedException if interrupted while waiting
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
        RawServer server = lifecycle.engine();
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
     * Returns the options given at construction.
     *
     * @return the options
     */
    public final TcpServer.Options options() {
        return options;
    }

    @Override
    public String toString() {
        return lifecycle.describe(this);
    }
}
