package io.aiomisc.services.tcp;

import io.aiomisc.services.tcp.internal.Connector;

import java.util.Objects;

/**
 * A {@link TcpClient} over TLS (aiomisc's {@code TLSClient}): connects, runs the handshake (verifying the server's
 * certificate against {@link TlsConfig}'s trusted CAs and, unless turned off, its host name), then runs
 * {@link #handleConnection(TcpConnection)}. A client certificate is sent when the config has one. The files are
 * read again for every connect attempt. A failed handshake (one that times out included) is not retried: it
 * fails the start with an {@link javax.net.ssl.SSLHandshakeException}.
 *
 * <p>Thread-safety: as {@link TcpClient}.
 */
public abstract class TlsClient extends TcpClient {
    private final TlsConfig tls;

    /**
     * Creates a client with {@link Options#defaults()}.
     *
     * @param host the server's host name or address (verified against its certificate)
     * @param port the server's port, 1..65535
     * @param tls  the trusted CAs and, optionally, this client's certificate and key
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 1..65535
     */
    protected TlsClient(String host, int port, TlsConfig tls) {
        this(host, port, tls, Options.defaults());
    }

    /**
     * Creates a client.
     *
     * @param host    the server's host name or address (verified against its certificate)
     * @param port    the server's port, 1..65535
     * @param tls     the trusted CAs and, optionally, this client's certificate and key
     * @param options connect attempts, timeouts, socket options, read limit
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is outside 1..65535
     */
    protected TlsClient(String host, int port, TlsConfig tls, Options options) {
        super(host, port, options);
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
