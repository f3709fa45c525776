package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;

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
    ScheduledFuture<?> timeout;
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

    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    /** The connection is gone: stop the handler (or the response body pump) and the body reader. */
    void abort() {
        cancelTimeout();
        if ((!done || writingBody) && thread != null) {
            thread.interrupt();
        }
        if (stream != null) {
            stream.fail(new IOException("the connection closed"));
        }
    }
}
