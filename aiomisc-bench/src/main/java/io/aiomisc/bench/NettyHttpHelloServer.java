package io.aiomisc.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;

import java.nio.charset.StandardCharsets;

/**
 * Baseline: the HTTP hello server a user would write directly on Netty, after Netty's own
 * {@code HttpHelloWorldServer} example — one event-loop thread (epoll when it loads), {@code HttpServerCodec},
 * a full response with {@code Content-Type} and {@code Content-Length}, flushed at the end of each read batch.
 */
final class NettyHttpHelloServer {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private NettyHttpHelloServer() {
    }

    static TcpBenchServer.Running start() throws InterruptedException {
        return new PlainNettyServer(channel -> channel.pipeline().addLast(new HttpServerCodec(), new Hello()));
    }

    private static final class Hello extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                boolean keepAlive = HttpUtil.isKeepAlive(request);
                ByteBuf body = Unpooled.wrappedBuffer(HELLO);
                FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                        HttpResponseStatus.OK, body);
                response.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                if (keepAlive) {
                    ctx.write(response);
                } else {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.write(response).addListener(ChannelFutureListener.CLOSE);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
