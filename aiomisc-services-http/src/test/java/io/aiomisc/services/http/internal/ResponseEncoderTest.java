package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes of complete responses, which the server encodes itself instead of going through Netty's encoder. */
class ResponseEncoderTest {
    private static final Pattern DATE = Pattern.compile("date: ([^\r]*)\r\n");

    private final ResponseEncoder encoder = new ResponseEncoder("aiomisc");

    private String encode(HttpVersion version, HttpResponse response, boolean head, boolean close) {
        return encode(encoder, version, response, head, close);
    }

    private static String encode(ResponseEncoder encoder, HttpVersion version, HttpResponse response, boolean head,
                                 boolean close) {
        ByteBuf out = encoder.full(UnpooledByteBufAllocator.DEFAULT, version, response, head, close);
        try {
            assertEquals(out.writerIndex(), out.capacity(), "the buffer size was computed exactly");
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    /** Replaces the server's date (checked to be an RFC 1123 date) with "D". */
    private static String withoutDate(String encoded) {
        Matcher date = DATE.matcher(encoded);
        if (date.find()) {
            assertDoesNotThrow(() -> ZonedDateTime.parse(date.group(1), DateTimeFormatter.RFC_1123_DATE_TIME),
                    "the Date header is not an RFC 1123 date: " + date.group(1));
        }
        return date.replaceFirst("date: D\r\n");
    }

    @Test
    void aTextResponseHasStatusLineTypeDateServerLengthAndBody() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=UTF-8\r\ndate: D\r\nserver: aiomisc\r\n"
                        + "content-length: 5\r\n\r\nhello",
                withoutDate(encode(HttpVersion.HTTP_1_1, HttpResponse.ok("hello"), false, false)));
    }

    @Test
    void anAnswerToHeadKeepsTheLengthButHasNoBody() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=UTF-8\r\ndate: D\r\nserver: aiomisc\r\n"
                        + "content-length: 5\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_1, HttpResponse.ok("hello"), true, false)));
    }

    @Test
    void userHeadersComeFirstInOrderAndTheServerOwnsTheFramingHeaders() {
        HttpResponse response = HttpResponse.of(201, "{}").contentType("application/json")
                .header("X-One", "1").addHeader("Set-Cookie", "a=1").addHeader("Set-Cookie", "b=2")
                .header("Content-Length", "99").header("Connection", "upgrade").header("Transfer-Encoding", "gzip")
                .addHeader("Content-Type", "text/html");
        assertEquals("HTTP/1.1 201 Created\r\nX-One: 1\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                        + "content-type: application/json\r\ndate: D\r\nserver: aiomisc\r\ncontent-length: 2\r\n\r\n{}",
                withoutDate(encode(HttpVersion.HTTP_1_1, response, false, false)));
    }

    @Test
    void theResponsesOwnDateAndServerReplaceTheServersValues() {
        HttpResponse response = HttpResponse.status(200).header("Date", "Thu, 01 Jan 1970 00:00:00 GMT")
                .header("server", "custom");
        assertEquals("HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\nserver: custom\r\n"
                        + "content-length: 0\r\n\r\n",
                encode(HttpVersion.HTTP_1_1, response, false, false));
    }

    @Test
    void noContentAndNotModifiedHaveNeitherLengthNorBody() {
        assertEquals("HTTP/1.1 204 No Content\r\nX-A: 1\r\ndate: D\r\nserver: aiomisc\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_1, HttpResponse.status(204).header("X-A", "1"), false, false)));
        assertEquals("HTTP/1.1 304 Not Modified\r\ncontent-type: text/plain; charset=UTF-8\r\ndate: D\r\n"
                        + "server: aiomisc\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_1, HttpResponse.of(304, "ignored"), false, false)));
    }

    @Test
    void resetContentDropsTheBodyAndSaysLengthZero() {
        assertEquals("HTTP/1.1 205 Reset Content\r\ncontent-type: text/plain; charset=UTF-8\r\ndate: D\r\n"
                        + "server: aiomisc\r\ncontent-length: 0\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_1, HttpResponse.of(205, "a body a client would misread"),
                        false, false)));
    }

    @Test
    void http10GetsKeepAliveAndACloseSaysClose() {
        assertEquals("HTTP/1.0 404 Not Found\r\ndate: D\r\nserver: aiomisc\r\nconnection: keep-alive\r\n"
                        + "content-length: 0\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_0, HttpResponse.status(404), false, false)));
        assertEquals("HTTP/1.1 503 Service Unavailable\r\ndate: D\r\nserver: aiomisc\r\nconnection: close\r\n"
                        + "content-length: 0\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_1, HttpResponse.status(503), false, true)));
    }

    @Test
    void aStreamBodyAnsweredWithoutItUsesTheContentLengthHeaderSet() {
        HttpResponse response = HttpResponse.status(200).header("Content-Length", "12345")
                .body(new ByteArrayInputStream(new byte[0]));
        assertEquals("HTTP/1.1 200 OK\r\ndate: D\r\nserver: aiomisc\r\ncontent-length: 12345\r\n\r\n",
                withoutDate(encode(HttpVersion.HTTP_1_1, response, true, false)));
    }

    @Test
    void everyStatusGetsNettysReasonPhraseAndLongBodiesTheirExactLength() {
        String encoded = encode(HttpVersion.HTTP_1_1, HttpResponse.of(599, "x".repeat(123_456)), false, false);
        assertTrue(encoded.startsWith("HTTP/1.1 599 Server Error (599)\r\n"), encoded.substring(0, 40));
        assertTrue(encoded.contains("\r\ncontent-length: 123456\r\n\r\nxxx"), "the length header is wrong");
        assertTrue(encoded.endsWith("x".repeat(123_456)), "the body is not at the end");
        String noServer = encode(new ResponseEncoder(""), HttpVersion.HTTP_1_1, HttpResponse.status(200), false, false);
        assertFalse(noServer.contains("server:"), "an empty serverHeader still sent a Server header: " + noServer);
    }
}
