package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.IncompleteReadException;
import io.aiomisc.services.tcp.LimitOverrunException;
import io.aiomisc.services.tcp.TcpConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TcpConnection} over a blocking JDK {@link SocketChannel}, used from virtual threads: a blocked read or
 * write parks the virtual thread, not its carrier. The read buffer is bounded by the limit, so a handler that does
 * not read leaves the data in the kernel and the peer's window closes.
 */
public final class StreamConnection implements TcpConnection {
    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL_BUFFER = 8 * 1024;

    private final SocketChannel channel;
    private final int limit;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final ReentrantLock readLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final OutputBuffer output;
    private final InputStream inputStream = new ConnectionStreams.In(this);
    private final OutputStream outputStream = new ConnectionStreams.Out(this);

    // Read side, guarded by readLock: the unread bytes are in.position() .. in.limit().
    private ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER).flip();
    private boolean eof;
    private volatile boolean aborted;
    // The last error the socket itself raised (a reset, a broken pipe, a TLS record error), as opposed to errors
    // of the handler's own making; read by the server to tell a dropped peer from a failed handler.
    private volatile IOException socketError;

    /**
     * Wraps an accepted, blocking channel.
     *
     * @param channel the connected channel, in blocking mode
     * @param limit   the limit for lines, separators and the output buffer, in bytes (at least 1)
     * @throws IOException if the channel's addresses cannot be read (it is already closed)
     */
    public StreamConnection(SocketChannel channel, int limit) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.limit = OptionChecks.atLeastOne("limit", limit);
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.output = new OutputBuffer(channel, limit);
    }

    @Override
    public byte[] read(int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        lock(readLock);
        try {
            if (!in.hasRemaining() && !fill()) {
                return EMPTY;
            }
            byte[] result = new byte[Math.min(max, in.remaining())];
            in.get(result);
            return result;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Reads what is buffered, or waits for the next bytes from the socket, into {@code target}.
     *
     * @return the number of bytes read, at least 1, or -1 at end of stream
     */
    int readSome(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        lock(readLock);
        try {
            if (!in.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(length, in.remaining());
            in.get(target, offset, n);
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /** Returns how many bytes are buffered; 0 while another thread reads (a hint, as InputStream allows). */
    int buffered() {
        if (!readLock.tryLock()) {
            return 0;
        }
        try {
            return in.remaining();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public byte[] readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        lock(readLock);
        try {
            byte[] result = new byte[n];
            int got = 0;
            while (got < n) {
                if (!in.hasRemaining() && !fill()) {
                    throw new IncompleteReadException(Arrays.copyOf(result, got), n);
                }
                int chunk = Math.min(n - got, in.remaining());
                in.get(result, got, chunk);
                got += chunk;
            }
            return result;
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public String readLine() throws IOException {
        lock(readLock);
        try {
            int end = find(new byte[] {'\n'}, "line");
            if (end < 0) {
                if (!in.hasRemaining()) {
                    return null;
                }
                return decode(take(in.remaining()), 0);
            }
            byte[] line = take(end);
            int cut = line.length - 1;
            if (cut > 0 && line[cut - 1] == '\r') {
                cut--;
            }
            return decode(line, line.length - cut);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public byte[] readUntil(byte[] separator) throws IOException {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) {
            throw new IllegalArgumentException("separator must not be empty");
        }
        lock(readLock);
        try {
            int end = find(separator, "separator");
            if (end < 0) {
                throw new IncompleteReadException(take(in.remaining()), -1);
            }
            return take(end);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Finds {@code separator} within the first {@code limit} unread bytes, reading more as needed; returns the
     * length of the chunk up to and including it, or -1 at end of stream.
     */
    private int find(byte[] separator, String what) throws IOException {
        int scanned = 0;
        while (true) {
            int found = indexOf(separator, scanned);
            if (found >= 0) {
                int end = found + separator.length;
                if (end <= limit) {
                    return end;
                }
            }
            if (in.remaining() >= limit) {
                in.position(in.position() + limit);
                throw new LimitOverrunException(what, limit);
            }
            scanned = Math.max(0, in.remaining() - separator.length + 1);
            if (!fill()) {
                return -1;
            }
        }
    }

    private int indexOf(byte[] separator, int from) {
        byte[] array = in.array();
        int base = in.arrayOffset() + in.position();
        int last = in.remaining() - separator.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < separator.length; j++) {
                if (array[base + i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private byte[] take(int n) {
        byte[] result = new byte[n];
        in.get(result);
        return result;
    }

    private static String decode(byte[] bytes, int dropAtEnd) {
        return new String(bytes, 0, bytes.length - dropAtEnd, StandardCharsets.UTF_8);
    }

    /**
     * Reads once more from the socket after the unread bytes, first writing out pending output so that the peer
     * can answer it; returns false at end of stream.
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        ensureOpen();
        // Pending output goes first, so that the peer can answer it.
        try {
            output.drainIfIdle();
        } catch (IOException e) {
            throw socketFailed(e);
        }
        in.compact();
        if (!in.hasRemaining()) {
            // Only a line or separator search gets here, and it never needs more than limit bytes.
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(in.capacity() * 2, limit));
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            throw socketFailed(e);
        } finally {
            in.flip();
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        return true;
    }

    @Override
    public void write(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        write(data, 0, data.length);
    }

    void write(byte[] data, int offset, int length) throws IOException {
        ensureOpen();
        try {
            output.write(data, offset, length);
        } catch (IOException e) {
            throw socketFailed(e);
        }
    }

    @Override
    public void drain() throws IOException {
        ensureOpen();
        try {
            output.drain();
        } catch (IOException e) {
            throw socketFailed(e);
        }
    }

    @Override
    public void writeEof() throws IOException {
        ensureOpen();
        try {
            output.writeEof();
        } catch (IOException e) {
            throw socketFailed(e);
        }
    }

    /**
     * Remembers an error of the socket itself, unless it is the server's own doing (an abort or an interrupt
     * closes the channel under a blocked call).
     */
    private IOException socketFailed(IOException e) {
        if (!aborted && !(e instanceof InterruptedIOException) && !(e instanceof ClosedChannelException)) {
            socketError = e;
        }
        return e;
    }

    /**
     * Tells whether {@code error} comes from the socket: it is, or is caused by, the last error a read or write
     * of this connection got from the socket (the peer reset the connection, or the network dropped it), rather
     * than a failure of the handler's own.
     *
     * @param error what the handler threw
     * @return true if the socket broke and {@code error} is that breakage
     */
    public boolean isSocketError(Throwable error) {
        IOException broken = socketError;
        // Bounded: a cause chain may loop.
        Throwable t = error;
        for (int depth = 0; broken != null && t != null && depth < 16; depth++, t = t.getCause()) {
            if (t == broken) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!aborted) {
                output.drainIfIdle();
            }
        } catch (IOException e) {
            // The peer is gone; what was pending cannot be delivered, and closing is all that is left to do.
        } finally {
            closeChannel();
        }
    }

    /** Closes the connection without writing out what is pending; blocked reads and writes fail at once. */
    public void abort() {
        aborted = true;
        closed.set(true);
        if (channel instanceof TlsChannel tls) {
            // A close in progress may be blocked sending close_notify under the channel's close lock.
            tls.abortConnection();
        }
        closeChannel();
    }

    /**
     * Tells whether the server closed this connection with {@link #abort()}.
     *
     * @return true after an abort
     */
    public boolean isAborted() {
        return aborted;
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a socket fails only when it is already broken; it is closed either way.
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public InputStream inputStream() {
        return inputStream;
    }

    @Override
    public OutputStream outputStream() {
        return outputStream;
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            throw new IOException(this + " is closed");
        }
    }

    static void lock(ReentrantLock lock) throws InterruptedIOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another reader or writer");
        }
    }

    @Override
    public String toString() {
        return "TcpConnection[" + remote + (closed.get() ? ", closed]" : "]");
    }
}
