package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.TlsConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Opens one client connection as a {@link StreamConnection}: resolves the host anew each time (a DNS change is
 * seen on reconnect), connects with a timeout, sets the socket options and, with TLS, runs the handshake. Blocks
 * the calling (virtual) thread; interruption closes the half-open socket.
 */
public final class Connector {
    private final String host;
    private final int port;
    private final Duration timeout;
    private final Map<SocketOption<?>, Object> socketOptions;
    private final int limit;
    private final TlsConfig tls;

    /**
     * Creates a connector.
     *
     * @param host          the server's host
     * @param port          the server's port
     * @param timeout       the longest wait for the TCP connect and for the whole TLS handshake
     * @param socketOptions options set on the socket before connecting
     * @param limit         the connection's limit for lines, separators and the output buffer, in bytes
     * @param tls           TLS settings, or null for plain TCP
     */
    public Connector(String host, int port, Duration timeout, Map<SocketOption<?>, Object> socketOptions, int limit,
                     TlsConfig tls) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.socketOptions = Map.copyOf(socketOptions);
        this.limit = limit;
        this.tls = tls;
    }

    /**
     * Connects once.
     *
     * @return the open connection
     * @throws UnknownHostException      if the host does not resolve
     * @throws java.net.ConnectException if the connection was refused
     * @throws javax.net.ssl.SSLHandshakeException if the TLS handshake failed or timed out
     * @throws IOException               if connecting failed or timed out
     * @throws GeneralSecurityException  if the TLS certificate, key or trust files are broken
     */
    public StreamConnection connect() throws IOException, GeneralSecurityException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        SocketChannel channel = SocketChannel.open();
        try {
            SocketOptionScope.apply(channel, socketOptions);
            channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            SocketChannel io = channel;
            if (tls != null) {
                SSLContext context = tls.newSslContext();
                TlsChannel secured = TlsChannel.client(channel, context, tls.clientParameters(context, host), host,
                        port);
                io = secured;
                handshake(secured);
            }
            return new StreamConnection(io, limit);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Runs the handshake; a timeout or socket error during it is reported as an {@link SSLHandshakeException}
     * (the cause kept), so that callers retrying failed connects ({@link java.net.SocketTimeoutException} among
     * them) do not retry a failed handshake.
     */
    private void handshake(TlsChannel secured) throws IOException {
        try {
            secured.handshake(timeout);
        } catch (SocketTimeoutException | SocketException e) {
            SSLHandshakeException failed =
                    new SSLHandshakeException("TLS handshake with " + target() + " failed: " + e);
            failed.initCause(e);
            throw failed;
        }
    }

    /**
     * Returns where this connector connects, for messages.
     *
     * @return {@code host:port}
     */
    public String target() {
        return host + ":" + port;
    }
}
