package io.aiomisc.services.tcp;

import io.aiomisc.services.tcp.internal.ChannelUpgrade;
import io.aiomisc.services.tcp.internal.TlsChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A {@link TcpServer} over TLS (aiomisc's {@code TLSServer}): the same blocking stream API, one virtual thread
 * per connection. The TLS handshake runs on the connection's thread before {@link #handleClient(TcpConnection)}
 * is called, so a client that does not speak TLS, or presents a certificate the server does not trust, is
 * dropped (one INFO line; a silent or too slow one after {@link #HANDSHAKE_TIMEOUT}) without reaching the handler and without affecting other connections.
 *
 * <p>The certificate and key are read at every start, so a restart picks up rotated files; a missing or broken
 * file fails the start. Protocols, cipher suites and client authentication come from the {@link TlsConfig}.
 *
 * <p>Thread-safety: as {@link TcpServer}.
 */
public abstract class TlsServer extends TcpServer {
    /** How long a client's whole handshake may take before the connection is dropped: 10 s. */
    public static final java.time.Duration HANDSHAKE_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final TlsConfig tls;

    /**
     * Creates a server with {@link Options#defaults()}.
     *
     * @param host the address to bind
     * @param port the port, 0 for an unused one
     * @param tls  the certificate, key and TLS settings
     * @throws NullPointerException     if {@code host} or {@code tls} is null
     * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside 0..65535, or {@code tls}
     *                                  has no certificate and key
     */
    protected TlsServer(String host, int port, TlsConfig tls) {
        this(host, port, tls, Options.defaults());
    }

    /**
     * Creates a server.
     *
     * @param host    the address to bind
     * @param port    the port, 0 for an unused one
     * @param tls     the certificate, key and TLS settings
     * @param options backlog, connection limit, grace period, socket options, read limit
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code host} is blank, {@code port} is outside 0..65535, or {@code tls}
     *                                  has no certificate and key
     */
    protected TlsServer(String host, int port, TlsConfig tls, Options options) {
        super(host, port, options);
        this.tls = Objects.requireNonNull(tls, "tls");
        if (!tls.hasKeyMaterial()) {
            throw new IllegalArgumentException("tls must have a certificate and key for a server, was " + tls);
        }
    }

    /**
     * Reads the certificate and key, then binds and starts accepting.
     *
     * @throws java.io.IOException                   if a file cannot be read, or binding failed
     * @throws java.security.GeneralSecurityException if a certificate, key or store is broken
     * @throws IllegalStateException                 if the JDK supports none of the configured cipher suites
     */
    @Override
    protected void start() throws Exception {
        super.start();
    }

    @Override
    final ChannelUpgrade upgrade() throws Exception {
        SSLContext context = tls.newSslContext();
        SSLParameters parameters = tls.serverParameters(context);
        return new ChannelUpgrade() {
            @Override
            public SocketChannel wrap(SocketChannel accepted) throws java.io.IOException {
                return TlsChannel.server(accepted, context, parameters);
            }

            @Override
            public void prepare(SocketChannel wrapped) throws java.io.IOException {
                ((TlsChannel) wrapped).handshake(HANDSHAKE_TIMEOUT);
            }
        };
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
