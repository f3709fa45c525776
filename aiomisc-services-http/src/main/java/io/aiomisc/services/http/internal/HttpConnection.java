package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HandlerMode;
import io.aiomisc.services.http.HttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;

/**
 * One HTTP/1.1 connection: reads requests (pipelined or not), runs them in their route's mode, and writes the
 * responses strictly in request order, whatever order the handlers finish in. All state is confined to the
 * connection's event loop; virtual threads hand their results back to it.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final ThreadFactory HANDLER_THREADS = Thread.ofVirtual().factory();

    private final HttpEngine engine;
    private final HttpCounters counters;
    private final long id;
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ChannelHandlerContext bytesOut;
    private Exchange receiving;
    private Exchange streamingOut;
    private boolean discarding;
    private boolean writingStream;
    private boolean closing;
    private boolean draining;
    /** Set once a request was the last one this connection answers (a close, a rejection): later ones are not run. */
    private boolean lastRequestSeen;
    private boolean inRead;
    private boolean flushNeeded;
    private int busy;
    private long sequence;
    private long lastActivity;
    private long pendingAtLastCheck;
    private ConnectionTimer timer;

    HttpConnection(HttpEngine engine, long id) {
        this.engine = engine;
        this.counters = engine.counters();
        this.id = id;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.bytesOut = HttpEngine.bytesOut(ctx.pipeline());
        lastActivity = System.nanoTime();
        // Not Netty's IdleStateHandler, which adds a listener to every write.
        timer = new ConnectionTimer(ctx.executor(), this::onTimer);
        timer.fireBy(lastActivity + engine.settings().idleTimeout().toNanos());
    }

    private void onTimer() {
        timer.fired();
        long now = System.nanoTime();
        Exchange expired;
        while (!closing && (expired = firstExpired(now)) != null) {
            timedOut(expired);
        }
        if (closing) {
            // Nothing more is read or answered, but a response that ends with the close may still be streaming.
            Exchange streaming = streamingOut;
            if (streaming != null && streaming.expired(now)) {
                timedOut(streaming);
            } else if (streaming != null && streaming.timed()) {
                timer.fireBy(streaming.deadline());
            }
            return;
        }
        long idle = engine.settings().idleTimeout().toNanos();
        ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        long pending = outbound == null ? 0 : outbound.totalPendingWriteBytes();
        if (pending > 0 && pending != pendingAtLastCheck) {
            // A response is still going out and the client is taking it, however slowly: not idle.
            lastActivity = now;
        }
        pendingAtLastCheck = pending;
        long quiet = now - lastActivity;
        if (quiet >= idle && busy == 0 && !writingStream) {
            engine.log().debug("{}: closing idle connection {} from {}", engine.name(), id, remote());
            closeNow();
            return;
        }
        long due = quiet >= idle ? now + idle : lastActivity + idle;
        for (Exchange ex : queue) {
            due = ex.earlierDeadline(due);
        }
        if (streamingOut != null) {
            due = streamingOut.earlierDeadline(due);
        }
        timer.fireBy(due);
    }

    private Exchange firstExpired(long now) {
        for (Exchange ex : queue) {
            if (ex.expired(now)) {
                return ex;
            }
        }
        return streamingOut != null && streamingOut.expired(now) ? streamingOut : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inRead) {
            // Once per read batch: the messages of one batch arrive within microseconds of each other.
            inRead = true;
            lastActivity = System.nanoTime();
        }
        try {
            if (msg instanceof io.netty.handler.codec.http.HttpRequest request) {
                onRequest(request);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (flushNeeded) {
            flushNeeded = false;
            ctx.flush();
        }
    }

    private void onRequest(io.netty.handler.codec.http.HttpRequest request) {
        receiving = null;
        discarding = false;
        if (closing || lastRequestSeen) {
            // RFC 9112 9.6: nothing after a request that ends the connection is processed.
            discarding = true;
            return;
        }
        counters.request();
        DecoderResult result = request.decoderResult();
        Exchange ex = new Exchange(request, result.isFailure() ? HttpVersion.HTTP_1_1 : request.protocolVersion(),
                ++sequence);
        queue.add(ex);
        if (result.isFailure()) {
            reject(ex, statusOf(result.cause()), result.cause().getMessage());
            return;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        ex.rawPath = q < 0 ? uri : uri.substring(0, q);
        ex.rawQuery = q < 0 ? null : uri.substring(q + 1);
        if (ex.rawPath.isEmpty() || ex.rawPath.charAt(0) != '/') {
            reject(ex, 400, "the request target must be a path starting with '/'");
            return;
        }
        ex.keepAlive = HttpUtil.isKeepAlive(request);
        lastRequestSeen = !ex.keepAlive;
        String method = request.method().name();
        ex.headRequest = method.equals("HEAD");
        ex.match = engine.settings().router().match(method, ex.rawPath);
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                reject(ex, 417, "unsupported expectation " + expect);
                return;
            }
            ex.continueWanted = request.protocolVersion() == HttpVersion.HTTP_1_1;
        }
        boolean streaming = ex.match.route() != null && ex.match.route().streaming();
        long length = HttpUtil.getContentLength(request, -1L);
        if (!streaming && length > engine.settings().maxContentLength()) {
            reject(ex, 413, "Content-Length " + length + " is over the limit of "
                    + engine.settings().maxContentLength());
            return;
        }
        receiving = ex;
        if (streaming) {
            ex.stream = new RequestBodyStream(ctx.channel());
            dispatch(ex);
        }
        if (ex.continueWanted) {
            writeReady();
        }
    }

    private void onContent(HttpContent content) {
        Exchange ex = receiving;
        if (discarding || ex == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            // A malformed chunk or trailer: the decoder reads nothing more on this connection.
            receiving = null;
            String why = "malformed request body: " + content.decoderResult().cause().getMessage();
            if (ex.stream == null) {
                reject(ex, 400, why);
            } else {
                // The handler already runs: its body ends in an error, and its answer is the connection's last.
                counters.protocolError();
                engine.log().debug("{}: {} from {} on connection {}", engine.name(), why, remote(), id);
                ex.stream.fail(new java.io.IOException(why));
                ex.closeAfter = true;
                discarding = true;
                lastRequestSeen = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (ex.stream != null) {
            if (content.content().isReadable()) {
                ex.stream.offer(content.content());
            }
            if (last) {
                ex.stream.end();
                receiving = null;
            }
            return;
        }
        if (content.content().isReadable()) {
            if ((long) ex.bodySize() + content.content().readableBytes() > engine.settings().maxContentLength()) {
                receiving = null;
                reject(ex, 413, "the body is over the limit of " + engine.settings().maxContentLength());
                return;
            }
            ex.append(content.content());
        }
        if (last) {
            receiving = null;
            dispatch(ex);
        }
    }

    /** Answers a request that will not be handled with an error, then closes; stops reading more requests. */
    private void reject(Exchange ex, int status, String why) {
        engine.log().debug("{}: {} to {} on connection {}: {}", engine.name(), status, remote(), id, why);
        counters.protocolError();
        discarding = true;
        lastRequestSeen = true;
        ex.closeAfter = true;
        ex.done = true;
        ex.response = HttpResponse.of(status, status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\n");
        ctx.channel().config().setAutoRead(false);
        writeReady();
    }

    private static int statusOf(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return 414;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return 431;
        }
        return 400;
    }

    private void dispatch(Exchange ex) {
        busy++;
        ServerRequest request = new ServerRequest(ex.head, ex.rawPath, ex.rawQuery, ex.match.params(),
                ex.stream == null ? ex.body() : null, ex.stream, remote(), id, ex.sequence);
        ex.request = request;
        if (ex.match.route() == null || ex.match.route().mode() == HandlerMode.EVENT_LOOP) {
            complete(ex, engine.handle(request, ex.match, ex));
            return;
        }
        Channel channel = ctx.channel();
        ex.thread = HANDLER_THREADS.newThread(() -> {
            HttpResponse response = engine.handle(request, ex.match, ex);
            if (ex.stream != null) {
                ex.stream.close();
            }
            channel.eventLoop().execute(() -> complete(ex, response));
        });
        VirtualStarts.start(ex.thread, ctx.executor());
        ex.startTimeout(System.nanoTime() + engine.settings().requestTimeout().toNanos());
        timer.fireBy(ex.deadline());
    }

    private void complete(Exchange ex, HttpResponse response) {
        if (ex.done) {
            // The request timed out and its 503 went instead.
            discardBody(response);
            return;
        }
        if (!inRead) {
            // A VIRTUAL handler finished; during a read, lastActivity was set when the read batch began.
            lastActivity = System.nanoTime();
        }
        ex.done = true;
        ex.response = response;
        busy--;
        if (closing) {
            // Nothing after a closing response is written, nor anything once the connection is gone.
            discardBody(response);
        }
        writeReady();
    }

    /** Closes the stream body of a response that is not sent, off the event loop (a close may block). */
    private static void discardBody(HttpResponse response) {
        InputStream stream = ResponseAccess.stream(response);
        if (stream != null) {
            Thread.ofVirtual().start(() -> ResponseBodyPump.closeQuietly(stream));
        }
    }

    private void timedOut(Exchange ex) {
        ex.cancelTimeout();
        if (!ex.done) {
            counters.requestTimeout();
            engine.log().warn("{}: {} (request id {}) overran the request timeout of {}; answered 503",
                    engine.name(), ex.request, ex.request.requestId(), engine.settings().requestTimeout());
            ex.interruptThread();
            ex.done = true;
            busy--;
            ex.response = engine.serviceUnavailable(ex.request);
            writeReady();
        } else if (ex.writingBody) {
            counters.requestTimeout();
            engine.log().warn("{}: the response to {} (request id {}) overran the request timeout of {}; "
                    + "connection reset", engine.name(), ex.request, ex.request.requestId(),
                    engine.settings().requestTimeout());
            closeNow();
        }
    }

    /** Writes every finished response at the head of the queue, in order. */
    private void writeReady() {
        while (!writingStream && !closing && !queue.isEmpty()) {
            Exchange head = queue.peek();
            if (!head.done) {
                if (head.continueWanted && !head.continueSent && head == receiving) {
                    head.continueSent = true;
                    ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                            Unpooled.EMPTY_BUFFER));
                    flushNeeded = true;
                }
                break;
            }
            queue.poll();
            boolean close = head.closeAfter || !head.keepAlive || (draining && queue.isEmpty())
                    || ResponseEncoder.asksToClose(head.response);
            write(head, close);
            if (close) {
                closing = true;
            }
        }
        if (draining && !closing && !writingStream && queue.isEmpty()) {
            closeNow();
        }
        if (flushNeeded && !inRead) {
            flushNeeded = false;
            ctx.flush();
        }
    }

    private void write(Exchange ex, boolean close) {
        HttpResponse response = ex.response;
        counters.response(response.statusCode());
        InputStream stream = ResponseAccess.stream(response);
        if (stream == null || ex.headRequest || ResponseEncoder.isBodyless(response.statusCode())) {
            ex.cancelTimeout();
            discardBody(response);
            ChannelFuture written = bytesOut.write(engine.encoder().full(ctx.alloc(), ex.version, response,
                    ex.headRequest, close));
            flushNeeded = true;
            if (close) {
                flushNeeded = false;
                ctx.flush();
                written.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        boolean known = response.header("Content-Length").isPresent();
        boolean chunked = !known && ex.version == HttpVersion.HTTP_1_1;
        boolean closeAfter = close || (!known && !chunked);
        writingStream = true;
        ex.writingBody = true;
        streamingOut = ex;
        ctx.write(engine.encoder().streamHead(ex.version, response, chunked, closeAfter));
        ctx.flush();
        flushNeeded = false;
        Channel channel = ctx.channel();
        long declared = known ? response.contentLength().getAsLong() : -1;
        ex.thread = Thread.ofVirtual().start(() -> {
            boolean ok = ResponseBodyPump.copy(engine, channel, stream, declared);
            channel.eventLoop().execute(() -> streamDone(ex, ok, closeAfter));
        });
    }

    private void streamDone(Exchange ex, boolean ok, boolean close) {
        lastActivity = System.nanoTime();
        writingStream = false;
        streamingOut = null;
        ex.writingBody = false;
        ex.cancelTimeout();
        if (!ok || close) {
            closeNow();
            return;
        }
        writeReady();
    }

    private void closeNow() {
        closing = true;
        ctx.close();
    }

    /** On the event loop: the server stops; finish what is in flight, then close. */
    void drain() {
        draining = true;
        if (!closing && !writingStream && queue.isEmpty()) {
            closeNow();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        timer.cancel();
        for (Exchange ex : queue) {
            ex.abort();
        }
        queue.clear();
        receiving = null;
        if (streamingOut != null) {
            streamingOut.abort();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess() && !closing) {
            // The TLS handler closes the connection right after this event. Not counted: the server's own close
            // (the stop, the idle timeout) of a connection still in its handshake.
            counters.tlsHandshakeFailure();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        engine.log().debug("{}: connection {} from {} failed; closing it", engine.name(), id, remote(), cause);
        closeNow();
    }

    private InetSocketAddress remote() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }
}
