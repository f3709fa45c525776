package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a {@link StreamConnection}: an output buffer that grows up to the limit and is written out
 * on demand, or at once when a write would take it past the limit. Writes from several threads are serialised
 * by one lock; a blocked write parks the virtual thread while the peer's window is closed.
 */
final class OutputBuffer {
    private static final int INITIAL_SIZE = 512;

    private final SocketChannel channel;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock: the pending bytes are out[0 .. position).
    private ByteBuffer out = ByteBuffer.allocate(0);

    OutputBuffer(SocketChannel channel, int limit) {
        this.channel = channel;
        this.limit = limit;
    }

    void write(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        StreamConnection.lock(lock);
        try {
            if (out.position() + length > limit) {
                flushLocked();
                if (length >= limit) {
                    writeFully(ByteBuffer.wrap(data, offset, length));
                    return;
                }
            }
            if (out.remaining() < length) {
                int size = Math.min(limit,
                        Math.max(out.position() + length, Math.max(out.capacity() * 2, INITIAL_SIZE)));
                ByteBuffer bigger = ByteBuffer.allocate(size);
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            out.put(data, offset, length);
        } finally {
            lock.unlock();
        }
    }

    /** Writes out everything pending; blocks while the peer's window is closed. */
    void drain() throws IOException {
        StreamConnection.lock(lock);
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes out what is pending unless another thread is writing at this moment (then that thread is flushing
     * already, and waiting for it could deadlock a reader against a writer blocked on the peer).
     */
    void drainIfIdle() throws IOException {
        if (lock.tryLock()) {
            try {
                flushLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Drains, then shuts the sending side down. */
    void writeEof() throws IOException {
        StreamConnection.lock(lock);
        try {
            flushLocked();
            channel.shutdownOutput();
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() throws IOException {
        if (out.position() == 0) {
            return;
        }
        out.flip();
        try {
            writeFully(out);
        } finally {
            out.clear();
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
