package io.aiomisc.services.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body handed to a streaming route as it arrives: the event loop offers chunks, the handler's virtual
 * thread reads them. When more than {@link #HIGH_WATER} bytes wait unread, the connection stops reading from
 * the socket until the reader is down to {@link #LOW_WATER}, so a slow handler never buffers a whole upload.
 *
 * <p>Thread-safe: one producer (the event loop), one reader.
 */
final class RequestBodyStream extends InputStream {
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 64 * 1024;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private long queued;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private IOException failure;

    RequestBodyStream(Channel channel) {
        this.channel = channel;
    }

    /** On the event loop: a chunk arrived. */
    void offer(ByteBuf content) {
        byte[] bytes = ByteBufUtil.getBytes(content);
        lock.lock();
        try {
            if (closed || failure != null) {
                return;
            }
            chunks.add(bytes);
            queued += bytes.length;
            if (queued > HIGH_WATER && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** On the event loop: the last chunk arrived. */
    void end() {
        lock.lock();
        try {
            ended = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection went away before the end. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended) {
                failure = cause;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        boolean resume = false;
        int n;
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the request body");
        }
        try {
            while (current == null || position == current.length) {
                if (closed) {
                    throw new IOException("the request body stream is closed");
                }
                byte[] next = chunks.poll();
                if (next != null) {
                    current = next;
                    position = 0;
                    queued -= next.length;
                    continue;
                }
                if (ended) {
                    return -1;
                }
                if (failure != null) {
                    throw new IOException("the request body ended early: " + failure.getMessage(), failure);
                }
                try {
                    readable.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            if (paused && queued <= LOW_WATER) {
                paused = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            resumeReading();
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, queued + (current == null ? 0 : current.length - position));
        } finally {
            lock.unlock();
        }
    }

    /** Discards the rest of the body: later chunks are dropped as they arrive. */
    @Override
    public void close() {
        boolean resume;
        lock.lock();
        try {
            closed = true;
            chunks.clear();
            current = null;
            queued = 0;
            resume = paused;
            paused = false;
        } finally {
            lock.unlock();
        }
        if (resume) {
            resumeReading();
        }
    }

    private void resumeReading() {
        channel.eventLoop().execute(() -> {
            // Between the reader's resume and this task the loop may have offered past HIGH_WATER and paused
            // again: reading on would then lose the backpressure.
            lock.lock();
            try {
                if (!paused) {
                    channel.config().setAutoRead(true);
                }
            } finally {
                lock.unlock();
            }
        });
    }
}
