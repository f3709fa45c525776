package io.aiomisc.services.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a handler sees it. Header names are case-insensitive; the path and parameters are
 * percent-decoded.
 *
 * <p>Thread-safety: a request is handed to one handler at a time; reading its body from several threads at once
 * is not supported. Everything but the body methods is safe from any thread.
 */
public interface HttpRequest {
    /**
     * Returns the method.
     *
     * @return the method in upper case as sent, e.g. {@code "GET"}
     */
    String method();

    /**
     * Returns the path without the query string, percent-decoded as UTF-8 (a {@code '+'} stays a {@code '+'}).
     *
     * @return the path, e.g. {@code "/users/42"}
     */
    String path();

    /**
     * Returns the request target exactly as sent on the request line.
     *
     * @return the raw URI, e.g. {@code "/users/42?verbose=1"}
     */
    String uri();

    /**
     * Returns the HTTP version of the request line.
     *
     * @return {@code "HTTP/1.1"} or {@code "HTTP/1.0"}
     */
    String protocol();

    /**
     * Returns the value of a path parameter of the matched route ({@code {id}} in {@code /users/{id}}).
     *
     * @param name the parameter name, without braces
     * @return the decoded value, never empty
     * @throws IllegalArgumentException if the route pattern has no parameter {@code name}
     */
    String pathParam(String name);

    /**
     * Returns the first value of a query parameter.
     *
     * @param name the parameter name
     * @return the decoded value, or empty when absent
     * @throws IllegalArgumentException if the query has a malformed percent escape; left uncaught, the server
     *                                  answers 400
     */
    Optional<String> queryParam(String name);

    /**
     * Returns every query parameter with all its values, in order.
     *
     * @return an unmodifiable map
     * @throws IllegalArgumentException if the query has a malformed percent escape; left uncaught, the server
     *                                  answers 400
     */
    Map<String, List<String>> queryParams();

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty when absent
     */
    Optional<String> header(String name);

    /**
     * Returns every header with all its values, in order of arrival.
     *
     * @return an unmodifiable map whose keys compare case-insensitively
     */
    Map<String, List<String>> headers();

    /**
     * Returns the whole body. For a streaming route this reads the rest of the body stream, and so blocks until
     * the client sent it.
     *
     * @return the body bytes (a copy); empty when the request has none
     * @throws IOException if reading a streamed body failed (the client went away)
     */
    byte[] body() throws IOException;

    /**
     * Returns the body decoded with the charset of the {@code Content-Type} header, UTF-8 when it names none.
     *
     * @return the body text
     * @throws IOException if reading a streamed body failed
     */
    String bodyAsString() throws IOException;

    /**
     * Returns the body as a stream. For a route added with {@link HttpServer.Builder#streamingRoute} the bytes
     * come as the client sends them, without buffering the whole body: {@code read} blocks until bytes arrive.
     * For other routes the body was already read, and this reads it from memory.
     *
     * @return the body stream (the same one on every call); closing it discards the rest of the body
     */
    InputStream bodyStream();

    /**
     * Returns the address of the client (of the connection's peer, which may be a proxy).
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /**
     * Returns the id of the request: the client's {@code X-Request-Id} when it sent a short printable one,
     * else one made by the server, unique within the process. Used in 500 responses and by
     * {@link HttpFilter#requestId()}.
     *
     * @return the id
     */
    String requestId();
}
