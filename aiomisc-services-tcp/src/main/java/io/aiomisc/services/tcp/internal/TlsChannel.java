package io.aiomisc.services.tcp.internal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking {@link SocketChannel} whose bytes travel through an {@link SSLSocket} layered over a plain connected
 * channel, so that {@link StreamConnection} (written against channels) serves TLS unchanged. Blocking mode only;
 * never registered with a selector. Reads and writes park the calling virtual thread as the plain channel does.
 *
 * <p>Closing sends {@code close_notify} when no write is in progress; while another thread is blocked writing
 * (the peer does not read), it closes the plain socket at once instead of waiting behind that write.
 */
public final class TlsChannel extends SocketChannel {
    private final SocketChannel raw;
    private final SSLSocket ssl;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicInteger writers = new AtomicInteger();

    private TlsChannel(SocketChannel raw, SSLSocket ssl) throws IOException {
        super(raw.provider());
        this.raw = raw;
        this.ssl = ssl;
        this.in = ssl.getInputStream();
        this.out = ssl.getOutputStream();
    }

    /**
     * Wraps an accepted connection for the server side; the handshake happens in {@link #handshake()} or on the
     * first read or write.
     *
     * @param raw        the accepted channel, blocking
     * @param context    the server's TLS context
     * @param parameters protocols, cipher suites and client authentication
     * @return the TLS channel
     * @throws IOException if the TLS socket cannot be created
     */
    public static TlsChannel server(SocketChannel raw, SSLContext context, SSLParameters parameters)
            throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw.socket(), null, true);
        ssl.setUseClientMode(false);
        ssl.setSSLParameters(parameters);
        return new TlsChannel(raw, ssl);
    }

    /**
     * Wraps a connected channel for the client side.
     *
     * @param raw        the connected channel, blocking
     * @param context    the client's TLS context
     * @param parameters protocols, cipher suites, server name and host name verification
     * @param host       the server's host name, for SNI and verification
     * @param port       the server's port
     * @return the TLS channel
     * @throws IOException if the TLS socket cannot be created
     */
    public static TlsChannel client(SocketChannel raw, SSLContext context, SSLParameters parameters, String host,
                                    int port) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw.socket(), host, port, true);
        ssl.setUseClientMode(true);
        ssl.setSSLParameters(parameters);
        return new TlsChannel(raw, ssl);
    }

    /**
     * Runs the handshake now (otherwise the first read or write runs it); blocks until it is done, at most
     * {@code timeout} in all: a peer that trickles its messages a byte at a time is cut off as surely as a
     * silent one (the connection is closed).
     *
     * @param timeout the longest the whole handshake may take
     * @throws java.net.SocketTimeoutException if the handshake did not complete in time (a plain TCP client that
     *                                         waits for a banner, a peer that sends too slowly)
     * @throws IOException                     if it fails: the peer does not speak TLS, or a certificate is refused
     */
    public void handshake(java.time.Duration timeout) throws IOException {
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        Thread deadline = Thread.ofVirtual().name("tls-handshake-deadline").start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException done) {
                return;
            }
            expired.set(true);
            closeQuietly();
        });
        try {
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            ssl.startHandshake();
            ssl.setSoTimeout(0);
        } catch (IOException e) {
            if (expired.get()) {
                java.net.SocketTimeoutException late = new java.net.SocketTimeoutException(
                        "the TLS handshake did not complete within " + timeout);
                late.initCause(e);
                throw late;
            }
            throw e;
        } finally {
            deadline.interrupt();
        }
    }

    /**
     * Closes the plain connection under the TLS layer at once, without {@code close_notify}: a thread blocked in
     * a TLS write or in {@link #close()} (sending {@code close_notify} to a peer that does not read) gets an
     * error instead of holding the close up. The channel itself is closed by {@link #close()} afterwards.
     */
    public void abortConnection() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            raw.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    /**
     * Returns the TLS socket, for its session (peer certificates, protocol).
     *
     * @return the layered socket
     */
    public SSLSocket sslSocket() {
        return ssl;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] chunk = new byte[Math.min(dst.remaining(), 16 * 1024)];
        int n = in.read(chunk);
        if (n > 0) {
            dst.put(chunk, 0, n);
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        writers.incrementAndGet();
        try {
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] copy = new byte[n];
                src.get(copy);
                out.write(copy);
            }
            out.flush();
        } finally {
            writers.decrementAndGet();
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public SocketChannel shutdownOutput() throws IOException {
        ssl.shutdownOutput();
        return this;
    }

    @Override
    public SocketChannel shutdownInput() throws IOException {
        ssl.shutdownInput();
        return this;
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
        try {
            if (writers.get() == 0) {
                ssl.close();
            }
        } catch (IOException e) {
            // The peer is gone; close_notify cannot be delivered, and the plain socket is closed below anyway.
        } finally {
            raw.close();
        }
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        if (!block) {
            throw new IllegalArgumentException("a TLS channel works in blocking mode only");
        }
    }

    @Override
    public SocketChannel bind(SocketAddress local) throws IOException {
        raw.bind(local);
        return this;
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        raw.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return raw.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return raw.supportedOptions();
    }

    @Override
    public Socket socket() {
        return ssl;
    }

    @Override
    public boolean isConnected() {
        return raw.isConnected();
    }

    @Override
    public boolean isConnectionPending() {
        return false;
    }

    @Override
    public boolean connect(SocketAddress remote) {
        throw new AlreadyConnectedException();
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public InetSocketAddress getRemoteAddress() throws IOException {
        return (InetSocketAddress) raw.getRemoteAddress();
    }

    @Override
    public InetSocketAddress getLocalAddress() throws IOException {
        return (InetSocketAddress) raw.getLocalAddress();
    }

    @Override
    public String toString() {
        return "TlsChannel[" + raw + "]";
    }
}
