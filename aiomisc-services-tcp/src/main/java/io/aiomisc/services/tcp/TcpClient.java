package io.aiomisc.services.tcp;

import io.aiomisc.Service;
import io.aiomisc.services.tcp.internal.Connector;
import io.aiomisc.services.tcp.internal.OptionChecks;
import io.aiomisc.services.tcp.internal.StreamConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A TCP client service (aiomisc's {@code TCPClient}): connects when the entrypoint starts it and runs
 * {@link #handleConnection(TcpConnection)} with the blocking stream API on the service's start thread.
 *
 * <p><b>Start.</b> A refused (or timed-out, or unroutable) connect is retried up to
 * {@link Options#connectAttempts()} times in all, {@link Options#connectRetryDelay()} apart; when every attempt
 * failed, the start fails with the last error, and so does the entrypoint's start, as in aiomisc. Once connected
 * the service is {@code RUNNING} and the handler runs; when it returns or throws (logged) the connection is
 * closed and the service stays {@code RUNNING} with nothing to do. For a client that reconnects, use
 * {@link RobustTcpClient}.
 *
 * <p><b>Stop.</b> Closes the connection and interrupts the handler; reads and writes blocked in it fail with an
 * {@link java.io.IOException}.
 *
 * <p>Thread-safety: the accessors may be called from any thread.
 */
public abstract class TcpClient extends Service {
    private static final Logger LOG = LoggerFactory.getLogger(TcpClient.class);

    private final String host;
    private final int port;
    private final Options options;
    private volatile StreamConnection connection;

    /**
     * Creates a client with {@link Options#defaults()}.
     *
     * @param host the server's host name or address
     * @param port the server's port, 1..65535
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 1..65535
     */
    protected TcpClient(String host, int port) {
        this(host, port, Options.defaults());
    }

    /**
     * Creates a client.
     *
     * @param host    the server's host name or address
     * @param port    the server's port, 1..65535
     * @param options connect attempts, timeouts, socket options, read limit
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 1..65535
     */
    protected TcpClient(String host, int port, Options options) {
        this.host = OptionChecks.host(host);
        this.port = OptionChecks.remotePort(port);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Works with the connection, on the service's start thread. Returning or throwing closes the connection.
     *
     * @param connection the open connection
     * @throws Exception logged; the service stays running
     */
    protected abstract void handleConnection(TcpConnection connection) throws Exception;

    /**
     * Connects (retrying as the class documentation says), then runs the handler.
     *
     * @throws java.io.IOException                   the last connect error when every attempt failed
     * @throws java.security.GeneralSecurityException for TLS clients: broken certificate, key or trust files
     * @throws InterruptedException                  if the entrypoint stopped while waiting to retry
     */
    @Override
    protected void start() throws Exception {
        Connector connector = connector();
        StreamConnection open = null;
        for (int attempt = 1; open == null; attempt++) {
            try {
                open = connector.connect();
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                if (attempt >= options.connectAttempts()) {
                    throw e;
                }
                LOG.warn("{}: connecting to {} failed (attempt {} of {}), retrying in {} ms: {}", name(),
                        connector.target(), attempt, options.connectAttempts(),
                        options.connectRetryDelay().toMillis(), e.toString());
                Thread.sleep(options.connectRetryDelay());
            }
        }
        connection = open;
        started();
        try {
            handleConnection(open);
        } catch (Exception e) {
            if (open.isAborted() || Thread.currentThread().isInterrupted()) {
                LOG.debug("{}: handler ended after the stop closed its connection: {}", name(), e.toString());
            } else if (e instanceof java.io.IOException) {
                LOG.warn("{}: connection to {} failed: {}", name(), connector.target(), e.toString());
            } else {
                LOG.error("{}: handler for the connection to {} failed", name(), connector.target(), e);
            }
        } finally {
            open.close();
        }
    }

    /**
     * Closes the connection; the handler's blocked reads and writes fail.
     *
     * @param cause why the entrypoint stops, or null
     */
    @Override
    protected void stop(Throwable cause) {
        StreamConnection open = connection;
        if (open != null) {
            open.abort();
        }
    }

    Connector connector() {
        return new Connector(host, port, options.connectTimeout(), options.socketOptions(), options.limit(), null);
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
     * Returns the options given at construction.
     *
     * @return the options
     */
    public final Options options() {
        return options;
    }

    @Override
    public String toString() {
        return name() + "[" + state() + ", " + host + ":" + port + "]";
    }

    /**
     * The options of a TCP client, shared by {@link TcpClient} and {@link RobustTcpClient}. Immutable; the
     * {@code with...} methods return changed copies.
     *
     * @param connectAttempts   how many connects {@link TcpClient} tries before its start fails, at least 1;
     *                          default {@link #DEFAULT_CONNECT_ATTEMPTS} (ignored by {@link RobustTcpClient}, which
     *                          retries until stopped)
     * @param connectRetryDelay the pause between those attempts, not negative; default
     *                          {@link #DEFAULT_CONNECT_RETRY_DELAY}
     * @param connectTimeout    the longest wait for one connect and for a whole TLS handshake,
     *                          positive; default {@link #DEFAULT_CONNECT_TIMEOUT}
     * @param socketOptions     JDK socket options set before connecting; default {@link #DEFAULT_SOCKET_OPTIONS}
     * @param limit             the connection's limit for lines, separators and the output buffer, in bytes, at
     *                          least 1; default {@link TcpConnection#DEFAULT_LIMIT}
     */
    public record Options(int connectAttempts, Duration connectRetryDelay, Duration connectTimeout,
                          Map<SocketOption<?>, Object> socketOptions, int limit) {
        /** Five attempts, as aiomisc's {@code connect_attempts}. */
        public static final int DEFAULT_CONNECT_ATTEMPTS = 5;
        /** Three seconds, as aiomisc's {@code connect_retry_timeout}. */
        public static final Duration DEFAULT_CONNECT_RETRY_DELAY = Duration.ofSeconds(3);
        /** Ten seconds. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        /** {@code TCP_NODELAY} on, as asyncio and Netty do. */
        public static final Map<SocketOption<?>, Object> DEFAULT_SOCKET_OPTIONS =
                Map.of(StandardSocketOptions.TCP_NODELAY, true);

        /**
         * Validates and copies.
         *
         * @throws NullPointerException     if a duration, the map, or one of its keys or values is null
         * @throws IllegalArgumentException if a value is out of range
         */
        public Options {
            OptionChecks.atLeastOne("connectAttempts", connectAttempts);
            OptionChecks.notNegative("connectRetryDelay", connectRetryDelay);
            OptionChecks.positive("connectTimeout", connectTimeout);
            OptionChecks.atLeastOne("limit", limit);
            socketOptions = OptionChecks.socketOptions(socketOptions);
        }

        /**
         * Returns the defaults.
         *
         * @return 5 attempts 3 s apart, a 10 s connect timeout, {@code TCP_NODELAY}, a 64 KiB limit
         */
        public static Options defaults() {
            return new Options(DEFAULT_CONNECT_ATTEMPTS, DEFAULT_CONNECT_RETRY_DELAY, DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_SOCKET_OPTIONS, TcpConnection.DEFAULT_LIMIT);
        }

        /**
         * Returns a copy with other connect attempts.
         *
         * @param connectAttempts at least 1
         * @param retryDelay      the pause between attempts, not negative
         * @return the copy
         * @throws IllegalArgumentException if a value is out of range
         */
        public Options withConnectAttempts(int connectAttempts, Duration retryDelay) {
            return new Options(connectAttempts, retryDelay, connectTimeout, socketOptions, limit);
        }

        /**
         * Returns a copy with another connect timeout.
         *
         * @param connectTimeout positive
         * @return the copy
         * @throws IllegalArgumentException if it is not positive
         */
        public Options withConnectTimeout(Duration connectTimeout) {
            return new Options(connectAttempts, connectRetryDelay, connectTimeout, socketOptions, limit);
        }

        /**
         * Returns a copy with one socket option set.
         *
         * @param option the option
         * @param value  its value
         * @param <T>    its type
         * @return the copy
         * @throws NullPointerException if an argument is null
         */
        public <T> Options withSocketOption(SocketOption<T> option, T value) {
            return new Options(connectAttempts, connectRetryDelay, connectTimeout,
                    OptionChecks.with(socketOptions, option, value), limit);
        }

        /**
         * Returns a copy with another read limit.
         *
         * @param limit at least 1, in bytes
         * @return the copy
         * @throws IllegalArgumentException if {@code limit < 1}
         */
        public Options withLimit(int limit) {
            return new Options(connectAttempts, connectRetryDelay, connectTimeout, socketOptions, limit);
        }
    }
}
