package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request a handler gets: a view over the decoded Netty request, whose parts (path, query, headers) are
 * decoded only when asked for.
 */
final class ServerRequest implements HttpRequest {
    private static final int MAX_CLIENT_ID_LENGTH = 128;

    private final io.netty.handler.codec.http.HttpRequest request;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, String> rawParams;
    private final byte[] body;
    private final RequestBodyStream stream;
    private final InetSocketAddress remoteAddress;
    private final long connectionId;
    private final long sequence;
    private String path;
    private Map<String, List<String>> query;
    private volatile String requestId;

    ServerRequest(io.netty.handler.codec.http.HttpRequest request, String rawPath, String rawQuery,
                  Map<String, String> rawParams, byte[] body, RequestBodyStream stream,
                  InetSocketAddress remoteAddress, long connectionId, long sequence) {
        this.request = request;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.rawParams = rawParams;
        this.body = body;
        this.stream = stream;
        this.remoteAddress = remoteAddress;
        this.connectionId = connectionId;
        this.sequence = sequence;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        String p = path;
        if (p == null) {
            p = PathDecoding.decode(rawPath);
            path = p;
        }
        return p;
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String protocol() {
        return request.protocolVersion().text();
    }

    @Override
    public String pathParam(String name) {
        String raw = rawParams.get(name);
        if (raw == null) {
            throw new IllegalArgumentException("the route of " + method() + " " + rawPath
                    + " has no path parameter {" + name + "}; it has " + rawParams.keySet());
        }
        return Router.decode(raw);
    }

    @Override
    public Optional<String> queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public Map<String, List<String>> queryParams() {
        Map<String, List<String>> q = query;
        if (q == null) {
            q = rawQuery == null ? Map.of() : decodeQuery(rawQuery);
            query = q;
        }
        return q;
    }

    private static Map<String, List<String>> decodeQuery(String rawQuery) {
        try {
            // Form decoding: a '+' is a space here, unlike in the path.
            return Collections.unmodifiableMap(new QueryStringDecoder(rawQuery, false).parameters());
        } catch (IllegalArgumentException e) {
            throw new MalformedEscapeException("malformed percent escape in the query \"" + rawQuery + "\"", e);
        }
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.headers().get(name));
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> e : request.headers()) {
            all.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
        }
        all.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public byte[] body() throws IOException {
        return stream != null ? stream.readAllBytes() : body.clone();
    }

    @Override
    public String bodyAsString() throws IOException {
        Charset charset = HttpUtil.getCharset(request, StandardCharsets.UTF_8);
        return new String(stream != null ? stream.readAllBytes() : body, charset);
    }

    @Override
    public InputStream bodyStream() {
        return stream != null ? stream : new ByteArrayInputStream(body);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String requestId() {
        String id = requestId;
        if (id == null) {
            String sent = request.headers().get("X-Request-Id");
            id = isAcceptable(sent) ? sent : Long.toHexString(connectionId) + "-" + Long.toHexString(sequence);
            requestId = id;
        }
        return id;
    }

    private static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_CLIENT_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c >= 127) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return method() + " " + request.uri();
    }
}
