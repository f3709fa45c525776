package io.aiomisc.services.tcp;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.internal.Backoff;
import io.aiomisc.services.tcp.internal.Connector;
import io.aiomisc.services.tcp.internal.OptionChecks;
import io.aiomisc.services.tcp.internal.StreamConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP client that stays connected (aiomisc's {@code RobustTCPClient}): connects, runs
 * {@link #handleConnection(TcpConnection)}, and whenever the connection ends (the handler returns or throws,
 * the server closes it, the network drops it) connects again, until the service is stopped.
 *
 * <p><b>Start</b> returns after the first successful connection (so the entrypoint's start waits for it, as in
 * aiomisc); until then it retries without limit. <b>Reconnects</b> wait with exponential backoff: the first
 * delay is at most {@link #FIRST_DELAY} (or {@code reconnectTimeout} if that is shorter), each failed attempt
 * doubles it up to {@code reconnectTimeout}, and each delay is drawn from its upper half (jitter), so clients
 * dropped together do not return together. A connection that stayed up for {@code reconnectTimeout} or longer
 * starts the backoff afresh. <b>Stop</b> closes the connection, interrupts the handler and cancels any pending
 * reconnect.
 *
 * <p>Connect failures are logged at WARN for the first failure after a connection, then at DEBUG, so an
 * unreachable server does not flood the log. Thread-safety: the accessors may be called from any thread.
 */
public abstract class RobustTcpClient extends Service {
    /** The longest first reconnect delay: 100 ms. */
    public static final Duration FIRST_DELAY = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(RobustTcpClient.class);

    private final String host;
    private final int port;
    private final Duration reconnectTimeout;
    private final TcpClient.Options options;
    private final AtomicLong connects = new AtomicLong();
    private volatile StreamConnection connection;
    private volatile boolean stopping;

    /**
     * Creates a client with {@link TcpClient.Options#defaults()}.
     *
     * @param host             the server's host name or address
     * @param port             the server's port, 1..65535
     * @param reconnectTimeout the longest delay between reconnect attempts, positive (aiomisc's default is 5 s)
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside 1..65535 or
     *                                  {@code reconnectTimeout} is not positive
     */
    protected RobustTcpClient(String host, int port, Duration reconnectTimeout) {
        this(host, port, reconnectTimeout, TcpClient.Options.defaults());
    }

    /**
     * Creates a client.
     *
     * @param host             the server's host name or address
     * @param port             the server's port, 1..65535
     * @param reconnectTimeout the longest delay between reconnect attempts, positive
     * @param options          connect timeout, socket options, read limit ({@code connectAttempts} and
     *                         {@code connectRetryDelay} are not used: this client retries until stopped)
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside 1..65535 or
     *                                  {@code reconnectTimeout} is not positive
     */
    protected RobustTcpClient(String host, int port, Duration reconnectTimeout, TcpClient.Options options) {
        this.host = OptionChecks.host(host);
        this.port = OptionChecks.remotePort(port);
        this.reconnectTimeout = OptionChecks.positive("reconnectTimeout", reconnectTimeout);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Works with one connection, on the service's start thread. Returning or throwing (logged) closes it, and
     * the client reconnects.
     *
     * @param connection the open connection
     * @throws Exception logged; the client reconnects
     */
    protected abstract void handleConnection(TcpConnection connection) throws Exception;

    /**
     * Connects, reports the service started, and keeps reconnecting until stopped.
     *
     * @throws InterruptedException if stopped before the first connection
     */
    @Override
    protected void start() throws Exception {
        stopping = false;
        try {
            connectLoop();
        } catch (InterruptedException e) {
            if (connects.get() == 0) {
                throw e;
            }
            // Stopped while waiting to reconnect: the work is over.
        }
        if (connects.get() == 0) {
            throw new InterruptedException(this + " was stopped before it connected");
        }
    }

    private void connectLoop() throws InterruptedException {
        Connector connector = connector();
        Backoff backoff = new Backoff(FIRST_DELAY, reconnectTimeout);
        boolean quiet = false;
        while (!stopping) {
            StreamConnection open;
            try {
                open = connector.connect();
            } catch (Exception e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    return;
                }
                Duration delay = backoff.next();
                if (quiet) {
                    LOG.debug("{}: connecting to {} failed, retrying in {} ms: {}", name(), connector.target(),
                            delay.toMillis(), e.toString());
                } else {
                    LOG.warn("{}: connecting to {} failed, retrying in {} ms (further failures at DEBUG): {}",
                            name(), connector.target(), delay.toMillis(), e.toString());
                    quiet = true;
                }
                Thread.sleep(delay);
                continue;
            }
            quiet = false;
            long since = System.nanoTime();
            serve(connector, open);
            if (System.nanoTime() - since >= reconnectTimeout.toNanos()) {
                backoff.reset();
            }
            if (!stopping) {
                Thread.sleep(backoff.next());
            }
        }
    }

    private void serve(Connector connector, StreamConnection open) {
        connection = open;
        connects.incrementAndGet();
        if (stopping) {
            open.abort();
            return;
        }
        started();
        try {
            handleConnection(open);
        } catch (Exception e) {
            if (open.isAborted() || stopping || Thread.currentThread().isInterrupted()) {
                LOG.debug("{}: handler ended after the stop closed its connection: {}", name(), e.toString());
            } else if (e instanceof java.io.IOException) {
                LOG.warn("{}: connection to {} failed, reconnecting: {}", name(), connector.target(), e.toString());
            } else {
                LOG.error("{}: handler failed; reconnecting to {}", name(), connector.target(), e);
            }
        } finally {
            open.close();
            connection = null;
        }
    }

    /**
     * Stops reconnecting and closes the connection; the handler's blocked reads and writes fail.
     *
     * @param cause why the entrypoint stops, or null
     */
    @Override
    protected void stop(Throwable cause) {
        stopping = true;
        StreamConnection open = connection;
        if (open != null) {
            open.abort();
        }
    }

    Connector connector() {
        return new Connector(host, port, options.connectTimeout(), options.socketOptions(), options.limit(), null);
    }

    /**
     * Returns how many times this client has connected since it was created.
     *
     * @return the count of successful connections
     */
    public final long connects() {
        return connects.get();
    }

    /**
     * Tells whether a connection is open now.
     *
     * @return true while connected
     */
    public final boolean isConnected() {
        StreamConnection open = connection;
        return open != null && !open.isClosed();
    }

    /**
     * Returns the host given at construction.
     *
     * @return the host
     */
    public final String host() {
        return host;
    }

    /**
     * Returns the port given at construction.
     *
     * @return the port
     */
    public final int port() {
        return port;
    }

    /**
     * Returns the longest reconnect delay.
     *
     * @return the reconnect timeout
     */
    public final Duration reconnectTimeout() {
        return reconnectTimeout;
    }

    /**
     * Returns the options given at construction.
     *
     * @return the options
     */
    public final TcpClient.Options options() {
        return options;
    }

    @Override
    public String toString() {
        return name() + "[" + state() + ", " + host + ":" + port + "]";
    }
}
