package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns an {@link HttpResponse} into bytes (a complete response) or into a Netty response head (a streamed one),
 * adding the headers the server owns. Stateless apart from the date cache; used on event loops.
 */
final class ResponseEncoder {
    // HttpResponse validated names and values when they were set; Netty need not check them again.
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private static final byte[] HTTP_1_0 = ascii("HTTP/1.0");
    private static final byte[] HTTP_1_1 = ascii("HTTP/1.1");
    private static final int VERSION_LENGTH = HTTP_1_1.length;
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] CONTENT_TYPE = ascii("content-type: ");
    private static final byte[] CONTENT_LENGTH = ascii("content-length: ");
    private static final byte[] DATE = ascii("date: ");
    private static final byte[] CONNECTION_CLOSE = ascii("connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("connection: keep-alive\r\n");
    // " 200 OK\r\n" for every status a response can have (HttpResponse allows 200..599), indexed by status.
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int status = 200; status < STATUS_LINES.length; status++) {
            STATUS_LINES[status] = ascii(" " + HttpResponseStatus.valueOf(status) + "\r\n");
        }
    }

    private final DateHeader date = new DateHeader();
    private final AsciiString server;
    private final byte[] serverLine;

    ResponseEncoder(String serverHeader) {
        this.server = serverHeader.isEmpty() ? null : new AsciiString(serverHeader);
        this.serverLine = server == null ? null : ascii("server: " + server + "\r\n");
    }

    private static byte[] ascii(String text) {
        return new AsciiString(text).toByteArray();
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

    /** 204, 205 and 304 responses never carry content (RFC 9110 15.3.5, 15.3.6, 15.4.5). */
    static boolean isBodyless(int status) {
        return status == 204 || status == 205 || status == 304;
    }

    /**
     * A complete response with a byte body (or none, for HEAD and 204/205/304), encoded into one buffer from {@code alloc}:
     * status line, headers and body. Written past Netty's encoder ({@link HttpEngine#bytesOut}), it costs no
     * response object, header map or status lookup per request. The bytes are what Netty's encoder would write for
     * the same headers: names of the server's own headers in lower case, values as US-ASCII.
     */
    ByteBuf full(ByteBufAllocator alloc, HttpVersion version, HttpResponse response, boolean head, boolean close) {
        byte[] bytes = ResponseAccess.bytes(response);
        int status = response.statusCode();
        boolean bodyless = isBodyless(status);
        // 205 says "no content" with Content-Length: 0, as Netty's encoder does; 204 and 304 send no length.
        int length = status == 205 ? 0 : bodyless || bytes == null ? -1 : bytes.length;
        // A stream body that is not sent (HEAD, 204, 205, 304) declares its length only through its own header.
        String declaredLength = bodyless || bytes != null ? null : response.header("Content-Length").orElse(null);
        int bodySize = head || length < 0 ? 0 : length;
        List<String> pairs = ResponseAccess.headerPairs(response);
        String contentType = response.contentType().orElse(null);
        boolean hasDate = false;
        boolean hasServer = false;
        int size = VERSION_LENGTH + STATUS_LINES[status].length + CRLF.length + bodySize;
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            if (isCopied(name, contentType)) {
                hasDate |= name.equalsIgnoreCase("Date");
                hasServer |= name.equalsIgnoreCase("Server");
                size += name.length() + pairs.get(i + 1).length() + 4;
            }
        }
        AsciiString date = hasDate ? null : this.date.now();
        byte[] serverLine = hasServer ? null : this.serverLine;
        byte[] connection = close ? CONNECTION_CLOSE : version == HttpVersion.HTTP_1_0 ? CONNECTION_KEEP_ALIVE : null;
        size += contentType == null ? 0 : CONTENT_TYPE.length + contentType.length() + 2;
        size += date == null ? 0 : DATE.length + date.length() + 2;
        size += serverLine == null ? 0 : serverLine.length;
        size += connection == null ? 0 : connection.length;
        size += length >= 0 ? CONTENT_LENGTH.length + digits(length) + 2
                : declaredLength != null ? CONTENT_LENGTH.length + declaredLength.length() + 2 : 0;

        ByteBuf out = alloc.buffer(size);
        out.writeBytes(version == HttpVersion.HTTP_1_0 ? HTTP_1_0 : HTTP_1_1).writeBytes(STATUS_LINES[status]);
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            if (isCopied(name, contentType)) {
                writeHeader(out, name, pairs.get(i + 1));
            }
        }
        if (contentType != null) {
            writeHeader(out.writeBytes(CONTENT_TYPE), null, contentType);
        }
        if (date != null) {
            out.writeBytes(DATE).writeBytes(date.array(), date.arrayOffset(), date.length()).writeBytes(CRLF);
        }
        if (serverLine != null) {
            out.writeBytes(serverLine);
        }
        if (connection != null) {
            out.writeBytes(connection);
        }
        if (length >= 0) {
            writeDecimal(out.writeBytes(CONTENT_LENGTH), length).writeBytes(CRLF);
        } else if (declaredLength != null) {
            writeHeader(out.writeBytes(CONTENT_LENGTH), null, declaredLength);
        }
        out.writeBytes(CRLF);
        if (bodySize > 0) {
            // Copied, not wrapped: the epoll transport copies a heap buffer into direct memory before writing anyway.
            out.writeBytes(bytes);
        }
        return out;
    }

    /** Writes {@code name: value} and CRLF (only the value when the name is null), as US-ASCII like Netty's encoder. */
    private static void writeHeader(ByteBuf out, String name, String value) {
        if (name != null) {
            out.writeCharSequence(name, StandardCharsets.US_ASCII);
            out.writeByte(':').writeByte(' ');
        }
        out.writeCharSequence(value, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    // As Netty's header map did: the server owns the framing headers, and the content type field replaces any
    // Content-Type added with addHeader.
    private static boolean isCopied(String name, String contentType) {
        return !(name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection")
                || (contentType != null && name.equalsIgnoreCase("Content-Type")));
    }

    private static int digits(int value) {
        int n = 1;
        for (int v = value; v >= 10; v /= 10) {
            n++;
        }
        return n;
    }

    private static ByteBuf writeDecimal(ByteBuf out, int value) {
        int end = out.writerIndex() + digits(value);
        out.writerIndex(end);
        int v = value;
        int at = end;
        do {
            out.setByte(--at, '0' + v % 10);
            v /= 10;
        } while (v > 0);
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
