package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;
import io.aiomisc.services.tcp.internal.ConnectionTracker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connections beyond {@code maxConnections}: each is read up to its first request head and answered
 * {@code 503 Service Unavailable} with {@code Connection: close} and {@code Retry-After}, then closed, so that a
 * client can tell an overloaded server from a dead one. None of them reaches a filter or a handler.
 *
 * <p>What this may cost is bounded: at most {@code maxConnections} such connections are answered at a time (more
 * are closed at once, unanswered, as a full server did before), and each lives at most {@link #timeout} (the
 * shorter of the idle timeout and {@link #MAX_WAIT}); a client that sends no request in that time is closed
 * unanswered. Thread-safe; each answer runs on its channel's event loop.
 */
final class OverloadAnswer {
    /** The longest an over-the-limit connection is kept waiting for its request and the rest of its body. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The {@code Retry-After} of the answer, in seconds: overload is expected to pass quickly. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final HttpResponse UNAVAILABLE = HttpResponse.of(503, "503 Service Unavailable\n")
            .header("Retry-After", RETRY_AFTER_SECONDS);

    private final HttpEngine engine;
    private final ConnectionTracker<Channel> answering;
    private final long timeoutNanos;
    private volatile boolean stopping;

    OverloadAnswer(HttpEngine engine, int maxAnswering, Duration idleTimeout) {
        this.engine = engine;
        this.answering = new ConnectionTracker<>(maxAnswering);
        this.timeoutNanos = (idleTimeout.compareTo(MAX_WAIT) < 0 ? idleTimeout : MAX_WAIT).toNanos();
    }

    /** On the channel's event loop: sets up the answer, or closes the channel when too many wait for one. */
    void answer(SocketChannel channel) {
        if (!answering.tryAdd(channel)) {
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> answering.remove(channel));
        // Checked after tryAdd: either the stop sees this channel among the answering, or this sees the stop.
        if (stopping) {
            channel.close();
            return;
        }
        engine.addProtocolHandlers(channel.pipeline());
        channel.pipeline().addLast("overload", new Responder());
    }

    /** Closes every connection still waiting for its answer; later ones are closed at once. */
    void stop() {
        stopping = true;
        for (Channel channel : answering.snapshot()) {
            channel.close();
        }
    }

    /** One over-the-limit connection: answers its first request, then closes once the request has been read. */
    private final class Responder extends ChannelInboundHandlerAdapter {
        private ScheduledFuture<?> deadline;
        private boolean answered;
        private boolean written;
        private boolean requestRead;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Runnable giveUp = ctx::close;
            deadline = ctx.executor().schedule(giveUp, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request && !answered) {
                    answered = true;
                    boolean valid = request.decoderResult().isSuccess();
                    // A client that expects 100 Continue sends no body after this final answer.
                    requestRead = valid && request.headers().containsValue(HttpHeaderNames.EXPECT,
                            HttpHeaderValues.CONTINUE, true);
                    ByteBuf answer = engine.encoder().full(ctx.alloc(),
                            valid ? request.protocolVersion() : HttpVersion.HTTP_1_1,
                            UNAVAILABLE, valid && request.method().equals(HttpMethod.HEAD), true);
                    HttpEngine.bytesOut(ctx.pipeline()).writeAndFlush(answer)
                            .addListener(f -> {
                                written = true;
                                if (!f.isSuccess()) {
                                    ctx.close();
                                } else {
                                    closeIfDone(ctx);
                                }
                            });
                }
                if (msg instanceof LastHttpContent) {
                    requestRead = true;
                    closeIfDone(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        // Closing with request bytes still unread would make the kernel answer with a reset, which can destroy
        // the 503 before the client reads it: the rest of the request is read (and dropped) first.
        private void closeIfDone(ChannelHandlerContext ctx) {
            if (written && requestRead) {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            deadline.cancel(false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
