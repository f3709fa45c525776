package io.aiomisc.services.tcp;

import io.aiomisc.services.tcp.internal.Connector;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link RobustTcpClient} over TLS (aiomisc's {@code RobustTLSClient}): every connection runs the handshake
 * (see {@link TlsClient}) before {@link #handleConnection(TcpConnection)}; a failed handshake counts as a failed
 * connect and is retried with the backoff. The TLS files are read again for every connect.
 *
 * <p>Thread-safety: as {@link RobustTcpClient}.
 */
public abstract class RobustTlsClient extends RobustTcpClient {
    private final TlsConfig tls;

    /**
     * Creates a client with {@link TcpClient.Options#defaults()}.
     *
     * @param host             the server's host name or address (verified against its certificate)
     * @param port             the server's port, 1..65535
     * @param reconnectTimeout the longest delay between reconnect attempts, positive
     * @param tls              the trusted CAs and, optionally, this client's certificate and key
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside 1..65535 or
     *                                  {@code reconnectTimeout} is not positive
     */
    protected RobustTlsClient(String host, int port, Duration reconnectTimeout, TlsConfig tls) {
        this(host, port, reconnectTimeout, tls, TcpClient.Options.defaults());
    }

    /**
     * Creates a client.
     *
     * @param host             the server's host name or address (verified against its certificate)
     * @param port             the server's port, 1..65535
     * @param reconnectTimeout the longest delay between reconnect attempts, positive
     * @param tls              the trusted CAs and, optionally, this client's certificate and key
     * @param options          connect timeout, socket options, read limit
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside 1..65535 or
     *                                  {@code reconnectTimeout} is not positive
     */
    protected RobustTlsClient(String host, int port, Duration reconnectTimeout, TlsConfig tls,
                              TcpClient.Options options) {
        super(host, port, reconnectTimeout, options);
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    final Connector connector() {
        return new Connector(host(), port(), options().connectTimeout(), options().socketOptions(),
                options().limit(), tls);
    }

    /**
     * Returns the TLS settings given at construction.
     *
     * @return the config
     */
    public final TlsConfig tls() {
        return tls;
    }
}
