package io.aiomisc.services.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Netty's response encoder for what Netty encodes (a streamed response's head and chunks, {@code 100 Continue}),
 * passing through the buffers of complete responses that {@link ResponseEncoder#full} already encoded. A buffer
 * is only written between responses (never inside a streamed body), where the encoder has no state to keep.
 *
 * <p>Replaces {@code HttpServerCodec}'s encoder, whose queue of request methods (for HEAD) would grow by one entry
 * per request whose response bypassed it; HEAD is handled by {@link ResponseEncoder} instead. One per channel.
 */
final class FullResponsePassThrough extends HttpResponseEncoder {
    @Override
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        return !(msg instanceof ByteBuf) && super.acceptOutboundMessage(msg);
    }
}
