package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.util.List;

/**
 * Turns an {@link HttpResponse} into Netty response objects, adding the headers the server owns. Stateless
 * apart from the date cache; used on event loops.
 */
final class ResponseEncoder {
    // HttpResponse validated names and values when they were set; Netty need not check them again.
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    private final DateHeader date = new DateHeader();
    private final AsciiString server;

    ResponseEncoder(String serverHeader) {
        this.server = serverHeader.isEmpty() ? null : new AsciiString(serverHeader);
    }

    /** Whether the response itself asks to close the connection ({@code Connection: close}). */
    static boolean asksToClose(HttpResponse response) {
        List<String> pairs = ResponseAccess.headerPairs(response);
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i).equalsIgnoreCase("Connection") && pairs.get(i + 1).toLowerCase().contains("close")) {
                return true;
            }
        }
        return false;
    }

    static boolean isBodyless(int status) {
        return status == 204 || status == 304;
    }

    /** A complete response with a byte body (or none, for HEAD and 204/304). */
    FullHttpResponse full(HttpVersion version, HttpResponse response, boolean head, boolean close) {
        byte[] bytes = ResponseAccess.bytes(response);
        int status = response.statusCode();
        boolean bodyless = isBodyless(status);
        ByteBuf content = head || bodyless || bytes == null || bytes.length == 0
                ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse out = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), content,
                HEADERS, TRAILERS);
        HttpHeaders headers = out.headers();
        copyHeaders(response, headers, version, close);
        if (!bodyless) {
            if (bytes != null) {
                headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            } else {
                response.header("Content-Length").ifPresent(v -> headers.set(HttpHeaderNames.CONTENT_LENGTH, v));
            }
        }
        return out;
    }

    /**
     * The head of a streamed response: with the given {@code Content-Length}, else chunked for HTTP/1.1; for
     * HTTP/1.0 without a length, delimited by closing the connection (the caller then closes).
     */
    io.netty.handler.codec.http.HttpResponse streamHead(HttpVersion version, HttpResponse response, boolean chunked,
                                                         boolean close) {
        DefaultHttpResponse out = new DefaultHttpResponse(version,
                HttpResponseStatus.valueOf(response.statusCode()), HEADERS);
        HttpHeaders headers = out.headers();
        copyHeaders(response, headers, version, close);
        if (chunked) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else {
            response.header("Content-Length").ifPresent(v -> headers.set(HttpHeaderNames.CONTENT_LENGTH, v));
        }
        return out;
    }

    private void copyHeaders(HttpResponse response, HttpHeaders headers, HttpVersion version, boolean close) {
        List<String> pairs = ResponseAccess.headerPairs(response);
        boolean hasDate = false;
        boolean hasServer = false;
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || name.equalsIgnoreCase("Connection")) {
                continue;
            }
            hasDate |= name.equalsIgnoreCase("Date");
            hasServer |= name.equalsIgnoreCase("Server");
            headers.add(name, pairs.get(i + 1));
        }
        response.contentType().ifPresent(type -> headers.set(HttpHeaderNames.CONTENT_TYPE, type));
        if (!hasDate) {
            headers.set(HttpHeaderNames.DATE, date.now());
        }
        if (!hasServer && server != null) {
            headers.set(HttpHeaderNames.SERVER, server);
        }
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
