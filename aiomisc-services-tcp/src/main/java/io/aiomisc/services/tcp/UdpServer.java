package io.aiomisc.services.tcp;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.internal.DatagramCounters;
import io.aiomisc.services.tcp.internal.DatagramServer;
import io.aiomisc.services.tcp.internal.OptionChecks;
import io.aiomisc.services.tcp.internal.ServerLifecycle;
import io.aiomisc.stats.Measured;

import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A UDP server service (aiomisc's {@code UDPServer}): binds when started and runs
 * {@link #handleDatagram(byte[], InetSocketAddress)} for every datagram on a virtual thread of its own; answer
 * with {@link #send(byte[], InetSocketAddress)}.
 * <pre>{@code
 * class Echo extends UdpServer {
 *     Echo() { super("127.0.0.1", 0); }
 *
 *     protected void handleDatagram(byte[] data, InetSocketAddress sender) {
 *         send(data, sender);
 *     }
 * }
 * }</pre>
 * At most {@link Options#maxConcurrency()} handlers run at once; beyond that the socket is not read, so datagrams
 * wait in the kernel's receive buffer (which drops them when it overflows, as UDP does). An exception in a
 * handler is logged and affects no other datagram. The socket lives on the entrypoint's shared Netty event loops
 * ({@link NettyLoop}).
 *
 * <p>Stop: the socket is closed, running handlers get the grace period, then they are interrupted, and the
 * stop returns when every handler thread has ended.
 *
 * <p><b>Statistics.</b> {@link #statistics()} counts received and dropped datagrams and failed handlers
 * ({@link UdpServerStatistics}) over the server object's life, restarts included; while the server runs, its
 * entrypoint publishes them over JMX as {@code io.aiomisc:type=<class simple name>,entrypoint=<id>,name=<name()>}.
 *
 * <p>Thread-safety: {@link #send(byte[], InetSocketAddress)}, {@link #statistics()} and the accessors may be called
 * from any thread.
 */
public abstract class UdpServer extends Service implements Measured {
    private final ServerLifecycle<DatagramServer> lifecycle;
    private final Options options;
    private final DatagramCounters counters = new DatagramCounters();

    /**
     * Creates a server with {@link Options#defaults()}.
     *
     * @param host the address to bind; {@code "0.0.0.0"} or {@code "::"} for every interface
     * @param port the port, 0 for an unused one (read it back with {@link #localAddress()} after the start)
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
     */
    protected UdpServer(String host, int port) {
        this(host, port, Options.defaults());
    }

    /**
     * Creates a server.
     *
     * @param host    the address to bind; {@code "0.0.0.0"} or {@code "::"} for every interface
     * @param port    the port, 0 for an unused one
     * @param options concurrency, datagram size, grace period, socket options
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 0..65535
     */
    protected UdpServer(String host, int port, Options options) {
        this.lifecycle = new ServerLifecycle<>(OptionChecks.host(host), OptionChecks.localPort(port));
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Handles one datagram, on a virtual thread of its own. Blocking is fine.
     *
     * @param data   the payload
     * @param sender where it came from; answer with {@link #send(byte[], InetSocketAddress)}
     * @throws Exception logged; the server goes on
     */
    protected abstract void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception;

    /**
     * Sends a datagram from this server's socket (aiomisc's {@code sendto}); never blocks.
     *
     * @param data      the payload; do not change the array until the returned future completes
     * @param recipient where to send it
     * @return completes when the datagram was handed to the kernel, or fails with the reason
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if the server is not running (before its start, after its stop)
     */
    public final CompletableFuture<Void> send(byte[] data, InetSocketAddress recipient) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(recipient, "recipient");
        DatagramServer server = lifecycle.engine();
        if (server == null) {
            throw new IllegalStateException(this + " cannot send before it started");
        }
        try {
            return server.send(data, recipient);
        } catch (IllegalStateException stopped) {
            throw new IllegalStateException(this + " cannot send after it stopped", stopped);
        }
    }

    /**
     * Acquires the entrypoint's event loops and binds; returns once datagrams can arrive.
     *
     * @throws java.net.UnknownHostException if the host does not resolve
     * @throws java.net.BindException        if the address is in use or not local
     * @throws IllegalArgumentException      if the transport cannot set a socket option
     * @throws IllegalStateException         if the entrypoint's transport cannot be loaded
     */
    @Override
    protected void start() throws Exception {
        lifecycle.startOnLoop(this, loop -> new DatagramServer(name(),
                new InetSocketAddress(lifecycle.host(), lifecycle.port()), options.socketOptions(),
                options.maxConcurrency(), options.maxDatagramSize(), options.gracePeriod(), loop.group(),
                loop.nettyTransport(), this::handleDatagram, counters));
    }

    /**
     * Stops (see the class documentation) and releases the event loops.
     *
     * @param cause why the entrypoint stops, or null
     * @throws InterruptedException if interrupted while waiting for handlers
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
     * Returns the server's counters ({@link UdpServerStatistics} says what each one counts). Thread-safe; never
     * blocks; works before the first start and after a stop as well.
     *
     * @return a snapshot of the counters over the server object's life, and the handlers running now
     */
    @Override
    public final UdpServerStatistics statistics() {
        DatagramServer server = lifecycle.engine();
        return counters.snapshot(server == null ? 0 : server.running());
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
     * The options of a UDP server. Immutable; the {@code with...} methods return changed copies.
     *
     * @param maxConcurrency  the most handlers running at once, at least 1; default
     *                        {@link #DEFAULT_MAX_CONCURRENCY}
     * @param maxDatagramSize the largest datagram received whole, in bytes (longer ones are truncated), 1..65535;
     *                        default {@link #DEFAULT_MAX_DATAGRAM_SIZE}
     * @param gracePeriod     how long the stop lets running handlers finish before interrupting them, not
     *                        negative; default {@link #DEFAULT_GRACE_PERIOD}
     * @param socketOptions   JDK socket options for the socket (e.g. {@code SO_RCVBUF}, {@code SO_BROADCAST});
     *                        default none. An option the transport cannot set fails the start.
     */
    public record Options(int maxConcurrency, int maxDatagramSize, Duration gracePeriod,
                          Map<SocketOption<?>, Object> socketOptions) {
        /** The default number of handlers running at once. */
        public static final int DEFAULT_MAX_CONCURRENCY = 1024;
        /** The default largest datagram: the most an IPv4 UDP datagram can carry. */
        public static final int DEFAULT_MAX_DATAGRAM_SIZE = 65_507;
        /** The default grace period. */
        public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

        /**
         * Validates and copies.
         *
         * @throws NullPointerException     if {@code gracePeriod}, {@code socketOptions} or one of its keys or
         *                                  values is null
         * @throws IllegalArgumentException if a number is out of range, the grace period is negative, or a
         *                                  socket option's value is not of its type
         */
        public Options {
            OptionChecks.atLeastOne("maxConcurrency", maxConcurrency);
            if (maxDatagramSize < 1 || maxDatagramSize > 65_535) {
                throw new IllegalArgumentException("maxDatagramSize must be in 1..65535, was " + maxDatagramSize);
            }
            OptionChecks.notNegative("gracePeriod", gracePeriod);
            socketOptions = OptionChecks.socketOptions(socketOptions);
        }

        /**
         * Returns the defaults.
         *
         * @return 1024 concurrent handlers, 65507-byte datagrams, a 5 s grace period, no socket options
         */
        public static Options defaults() {
            return new Options(DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_DATAGRAM_SIZE, DEFAULT_GRACE_PERIOD, Map.of());
        }

        /**
         * Returns a copy with another concurrency limit.
         *
         * @param maxConcurrency at least 1
         * @return the copy
         * @throws IllegalArgumentException if {@code maxConcurrency < 1}
         */
        public Options withMaxConcurrency(int maxConcurrency) {
            return new Options(maxConcurrency, maxDatagramSize, gracePeriod, socketOptions);
        }

        /**
         * Returns a copy with another datagram size.
         *
         * @param maxDatagramSize 1..65535
         * @return the copy
         * @throws IllegalArgumentException if out of range
         */
        public Options withMaxDatagramSize(int maxDatagramSize) {
            return new Options(maxConcurrency, maxDatagramSize, gracePeriod, socketOptions);
        }

        /**
         * Returns a copy with another grace period.
         *
         * @param gracePeriod not negative
         * @return the copy
         * @throws NullPointerException     if {@code gracePeriod} is null
         * @throws IllegalArgumentException if it is negative
         */
        public Options withGracePeriod(Duration gracePeriod) {
            return new Options(maxConcurrency, maxDatagramSize, gracePeriod, socketOptions);
        }

        /**
         * Returns a copy with one socket option set (added, or replacing the earlier value).
         *
         * @param option the option, e.g. {@code StandardSocketOptions.SO_RCVBUF}
         * @param value  its value
         * @param <T>    its type
         * @return the copy
         * @throws NullPointerException if an argument is null
         */
        public <T> Options withSocketOption(SocketOption<T> option, T value) {
            return new Options(maxConcurrency, maxDatagramSize, gracePeriod,
                    OptionChecks.with(socketOptions, option, value));
        }
    }
}
