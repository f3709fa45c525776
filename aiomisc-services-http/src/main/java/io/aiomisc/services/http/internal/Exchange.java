package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.util.Arrays;

/**
 * One request of a connection, from its head to its response being written. Confined to the connection's event
 * loop, except {@link #thread}, which only the loop sets and interrupts.
 */
final class Exchange {
    private static final byte[] EMPTY = new byte[0];

    final io.netty.handler.codec.http.HttpRequest head;
    final HttpVersion version;
    final long sequence;
    Router.Match match;
    String rawPath;
    String rawQuery;
    boolean headRequest;
    boolean keepAlive;
    boolean closeAfter;
    boolean continueWanted;
    boolean continueSent;
    boolean done;
    boolean writingBody;
    HttpResponse response;
    ServerRequest request;
    RequestBodyStream stream;
    Thread thread;
    /** Set before the server interrupts {@link #thread}; read there, so a handler's own interrupt is told apart. */
    volatile boolean interruptedByServer;
    private boolean timed;
    private long deadline;
    private byte[] body = EMPTY;
    private int size;

    Exchange(io.netty.handler.codec.http.HttpRequest head, HttpVersion version, long sequence) {
        this.head = head;
        this.version = version;
        this.sequence = sequence;
    }

    int bodySize() {
        return size;
    }

    void append(ByteBuf content) {
        int n = content.readableBytes();
        if (size + n > body.length) {
            body = Arrays.copyOf(body, Math.max(size + n, Math.max(256, body.length * 2)));
        }
        content.getBytes(content.readerIndex(), body, size, n);
        size += n;
    }

    byte[] body() {
        return size == body.length ? body : Arrays.copyOf(body, size);
    }

    /** The request timeout runs until {@code deadline} ({@link System#nanoTime()}); the connection's timer checks it. */
    void startTimeout(long deadline) {
        this.deadline = deadline;
        timed = true;
    }

    long deadline() {
        return deadline;
    }

    boolean timed() {
        return timed;
    }

    /** Interrupts the handler (or the body pump) on the server's behalf: the request timed out, or its connection is gone. */
    void interruptThread() {
        interruptedByServer = true;
        thread.interrupt();
    }

    void cancelTimeout() {
        timed = false;
    }

    boolean expired(long now) {
        return timed && now - deadline >= 0;
    }

    /** {@code due} or this exchange's deadline, whichever comes first. */
    long earlierDeadline(long due) {
        return timed && deadline - due < 0 ? deadline : due;
    }

    /** The connection is gone: stop the handler (or the response body pump) and the body reader. */
    void abort() {
        cancelTimeout();
        if ((!done || writingBody) && thread != null) {
            interruptThread();
        }
        if (stream != null) {
            stream.fail(new IOException("the connection closed"));
        }
    }
}
