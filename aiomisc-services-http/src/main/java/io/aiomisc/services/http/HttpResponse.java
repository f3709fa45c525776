package io.aiomisc.services.http;

import io.aiomisc.services.http.internal.ResponseAccess;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An HTTP response: status, headers and a body of bytes, of text, or of an {@link InputStream}.
 * <pre>{@code
 * HttpResponse.ok("hello");
 * HttpResponse.of(201, "{\"id\":42}").contentType("application/json");
 * HttpResponse.status(204);
 * HttpResponse.ok("").body(Files.newInputStream(path)).contentType("application/octet-stream");
 * }</pre>
 *
 * <p>Immutable: every {@code with}-style method returns a copy, so a response kept in a constant and returned for
 * many requests is safe — except one with an {@code InputStream} body, which can be sent once.
 *
 * <p>How it is sent: a byte or text body with {@code Content-Length}; a stream body with chunked transfer
 * encoding (or, when a {@code Content-Length} header was set, with that length; to an HTTP/1.0 client without
 * one, by closing the connection at its end), read on a virtual thread, never on an event loop. The server sets
 * {@code Content-Length}, {@code Transfer-Encoding}, {@code Date} and {@code Server} itself (the last two only
 * when the response has none); a {@code Connection: close} header makes the server close the connection after
 * the response. Status 204, 205 and 304 responses and answers to {@code HEAD} carry no body.
 *
 * <p>Thread-safe.
 */
public final class HttpResponse {
    private static final byte[] EMPTY = new byte[0];
    private static final String TEXT = "text/plain; charset=UTF-8";

    static {
        ResponseAccess.install(new ResponseAccess.Accessor() {
            @Override
            public byte[] bytes(HttpResponse response) {
                return response.bytes;
            }

            @Override
            public InputStream stream(HttpResponse response) {
                return response.stream;
            }

            @Override
            public List<String> headerPairs(HttpResponse response) {
                return response.headers;
            }
        });
    }

    private final int status;
    // name, value, name, value ...: names as given, compared case-insensitively.
    private final List<String> headers;
    private final String contentType;
    private final byte[] bytes;
    private final InputStream stream;

    private HttpResponse(int status, List<String> headers, String contentType, byte[] bytes, InputStream stream) {
        this.status = status;
        this.headers = headers;
        this.contentType = contentType;
        this.bytes = bytes;
        this.stream = stream;
    }

    /**
     * Returns a {@code 200} response with a UTF-8 text body ({@code text/plain; charset=UTF-8}).
     *
     * @param body the text
     * @return the response
     * @throws NullPointerException if {@code body} is null
     */
    public static HttpResponse ok(String body) {
        return of(200, body);
    }

    /**
     * Returns a response with a UTF-8 text body ({@code text/plain; charset=UTF-8}).
     *
     * @param status the status code, 200..599
     * @param body   the text
     * @return the response
     * @throws IllegalArgumentException if {@code status} is outside 200..599
     * @throws NullPointerException     if {@code body} is null
     */
    public static HttpResponse of(int status, String body) {
        return new HttpResponse(checkStatus(status), List.of(), TEXT,
                Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * Returns a response with an empty body and no content type.
     *
     * @param status the status code, 200..599
     * @return the response
     * @throws IllegalArgumentException if {@code status} is outside 200..599
     */
    public static HttpResponse status(int status) {
        return new HttpResponse(checkStatus(status), List.of(), null, EMPTY, null);
    }

    /**
     * Returns a copy with another status.
     *
     * @param status the status code, 200..599
     * @return the copy
     * @throws IllegalArgumentException if {@code status} is outside 200..599
     */
    public HttpResponse withStatus(int status) {
        return new HttpResponse(checkStatus(status), headers, contentType, bytes, stream);
    }

    /**
     * Returns a copy with the header set to {@code value}, replacing every earlier value of that name.
     *
     * @param name  the header name (a token: letters, digits and {@code !#$%&'*+-.^_`|~})
     * @param value the value, without CR, LF or NUL
     * @return the copy
     * @throws IllegalArgumentException if the name is not a token or the value has CR, LF or NUL
     * @throws NullPointerException     if an argument is null
     */
    public HttpResponse header(String name, String value) {
        checkHeader(name, value);
        if (name.equalsIgnoreCase("Content-Type")) {
            return contentType(value);
        }
        List<String> copy = new ArrayList<>(headers.size() + 2);
        for (int i = 0; i < headers.size(); i += 2) {
            if (!headers.get(i).equalsIgnoreCase(name)) {
                copy.add(headers.get(i));
                copy.add(headers.get(i + 1));
            }
        }
        copy.add(name);
        copy.add(value);
        return new HttpResponse(status, Collections.unmodifiableList(copy), contentType, bytes, stream);
    }

    /**
     * Returns a copy with one more value of the header, keeping the earlier ones (for {@code Set-Cookie}).
     *
     * @param name  the header name
     * @param value the value
     * @return the copy
     * @throws IllegalArgumentException if the name is not a token or the value has CR, LF or NUL
     * @throws NullPointerException     if an argument is null
     */
    public HttpResponse addHeader(String name, String value) {
        checkHeader(name, value);
        List<String> copy = new ArrayList<>(headers);
        copy.add(name);
        copy.add(value);
        return new HttpResponse(status, Collections.unmodifiableList(copy), contentType, bytes, stream);
    }

    /**
     * Returns a copy with the {@code Content-Type}.
     *
     * @param contentType e.g. {@code "application/json"}
     * @return the copy
     * @throws IllegalArgumentException if the value has CR, LF or NUL
     * @throws NullPointerException     if {@code contentType} is null
     */
    public HttpResponse contentType(String contentType) {
        checkHeader("Content-Type", contentType);
        return new HttpResponse(status, headers, contentType, bytes, stream);
    }

    /**
     * Returns a copy with the body (copied), keeping the content type.
     *
     * @param body the bytes
     * @return the copy
     * @throws NullPointerException if {@code body} is null
     */
    public HttpResponse body(byte[] body) {
        return new HttpResponse(status, headers, contentType, Objects.requireNonNull(body, "body").clone(), null);
    }

    /**
     * Returns a copy with a UTF-8 text body; the content type stays as it was (set
     * {@code text/plain; charset=UTF-8} when there was none).
     *
     * @param body the text
     * @return the copy
     * @throws NullPointerException if {@code body} is null
     */
    public HttpResponse body(String body) {
        return new HttpResponse(status, headers, contentType == null ? TEXT : contentType,
                Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * Returns a copy whose body is streamed from {@code body} (chunked, unless a {@code Content-Length} header is
     * set). The server reads it on a virtual thread and closes it at the end, after a failure, or when the client
     * goes away.
     *
     * @param body the stream; read once
     * @return the copy
     * @throws NullPointerException if {@code body} is null
     */
    public HttpResponse body(InputStream body) {
        return new HttpResponse(status, headers, contentType, null, Objects.requireNonNull(body, "body"));
    }

    /**
     * Returns the status code.
     *
     * @return 200..599
     */
    public int statusCode() {
        return status;
    }

    /**
     * Returns the content type.
     *
     * @return the {@code Content-Type}, or empty when none is set
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * Returns the last value set for a header ({@code Content-Type} included).
     *
     * @param name the name, in any case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return contentType();
        }
        String found = null;
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                found = headers.get(i + 1);
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Returns the body length when it is known: the byte length, or a stream body's {@code Content-Length}.
     *
     * @return the length, or empty for a stream body without {@code Content-Length}
     */
    public OptionalLong contentLength() {
        if (bytes != null) {
            return OptionalLong.of(bytes.length);
        }
        return header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    /**
     * Tells whether the body is an {@link InputStream}.
     *
     * @return true for a stream body
     */
    public boolean isStreamed() {
        return stream != null;
    }

    /**
     * Returns the body bytes.
     *
     * @return a copy of the body
     * @throws IllegalStateException if the body is a stream (see {@link #isStreamed()})
     */
    public byte[] bodyBytes() {
        if (bytes == null) {
            throw new IllegalStateException("the body of " + this + " is a stream; read it with bodyStream()");
        }
        return bytes.clone();
    }

    /**
     * Returns the body as a stream: the stream itself for a stream body (read it once), else over the bytes.
     *
     * @return the body stream
     */
    public InputStream bodyStream() {
        return stream != null ? stream : new ByteArrayInputStream(bytes);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + (contentType == null ? "" : ", " + contentType)
                + (bytes != null ? ", " + bytes.length + " bytes" : ", streamed") + "]";
    }

    private static int checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be in 200..599, was " + status);
        }
        return status;
    }

    private static boolean isLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
            if (!token) {
                throw new IllegalArgumentException("header name must be a token, was \"" + name + "\"");
            }
        }
        if (name.equalsIgnoreCase("Content-Length") && !isLength(value)) {
            throw new IllegalArgumentException("Content-Length must be a non-negative decimal number, was \""
                    + value + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " must not contain CR, LF or NUL, was \""
                        + value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"");
            }
        }
    }
}
