package io.aiomisc.services.http;

import io.aiomisc.services.http.internal.Route;
import io.aiomisc.services.http.internal.Router;
import io.aiomisc.services.tcp.TlsConfig;
import io.aiomisc.services.tcp.internal.OptionChecks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The one implementation of {@link HttpServer.Builder}. Not thread-safe. */
final class HttpServerBuilder implements HttpServer.Builder {
    String host;
    int port;
    final List<Route> routes = new ArrayList<>();
    private final Set<String> routeKeys = new HashSet<>();
    final List<HttpFilter> filters = new ArrayList<>();
    long maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;
    int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
    int maxInitialLineLength = DEFAULT_MAX_INITIAL_LINE_LENGTH;
    Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    int maxConnections = DEFAULT_MAX_CONNECTIONS;
    String serverHeader = DEFAULT_SERVER_HEADER;
    String name = "HttpServer";
    String healthPath;
    String readyPath;
    TlsConfig tls;

    @Override
    public HttpServer.Builder address(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (this.host != null) {
            throw new IllegalStateException("address is already set to " + this.host + ":" + this.port);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, was \"" + host + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        this.host = host;
        this.port = port;
        return this;
    }

    @Override
    public HttpServer.Builder route(String method, String pattern, HttpHandler handler) {
        return route(method, pattern, HandlerMode.VIRTUAL, handler);
    }

    @Override
    public HttpServer.Builder route(String method, String pattern, HandlerMode mode, HttpHandler handler) {
        return add(method, pattern, mode, handler, false);
    }

    @Override
    public HttpServer.Builder streamingRoute(String method, String pattern, HttpHandler handler) {
        return add(method, pattern, HandlerMode.VIRTUAL, handler, true);
    }

    private HttpServer.Builder add(String method, String pattern, HandlerMode mode, HttpHandler handler,
                                   boolean streaming) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(handler, "handler");
        String upper = checkMethod(method);
        Router.checkPattern(pattern);
        if (!routeKeys.add(upper + " " + pattern)) {
            throw new IllegalStateException("route " + upper + " " + pattern + " is already defined");
        }
        routes.add(new Route(upper, pattern, mode, handler, streaming));
        return this;
    }

    private static String checkMethod(String method) {
        if (method.isEmpty() || !method.chars().allMatch(c -> c < 127 && Character.isLetter(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("method must be a token like GET, was \"" + method + "\"");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    @Override
    public HttpServer.Builder get(String pattern, HttpHandler handler) {
        return route("GET", pattern, handler);
    }

    @Override
    public HttpServer.Builder post(String pattern, HttpHandler handler) {
        return route("POST", pattern, handler);
    }

    @Override
    public HttpServer.Builder put(String pattern, HttpHandler handler) {
        return route("PUT", pattern, handler);
    }

    @Override
    public HttpServer.Builder delete(String pattern, HttpHandler handler) {
        return route("DELETE", pattern, handler);
    }

    @Override
    public HttpServer.Builder filter(HttpFilter filter) {
        filters.add(Objects.requireNonNull(filter, "filter"));
        return this;
    }

    @Override
    public HttpServer.Builder maxContentLength(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxContentLength must be >= 0, was " + bytes);
        }
        maxContentLength = bytes;
        return this;
    }

    @Override
    public HttpServer.Builder maxHeaderSize(int bytes) {
        if (bytes < 256) {
            throw new IllegalArgumentException("maxHeaderSize must be >= 256, was " + bytes);
        }
        maxHeaderSize = bytes;
        return this;
    }

    @Override
    public HttpServer.Builder maxInitialLineLength(int bytes) {
        if (bytes < 64) {
            throw new IllegalArgumentException("maxInitialLineLength must be >= 64, was " + bytes);
        }
        maxInitialLineLength = bytes;
        return this;
    }

    @Override
    public HttpServer.Builder idleTimeout(Duration timeout) {
        idleTimeout = OptionChecks.positive("idleTimeout", timeout);
        return this;
    }

    @Override
    public HttpServer.Builder requestTimeout(Duration timeout) {
        requestTimeout = OptionChecks.positive("requestTimeout", timeout);
        return this;
    }

    @Override
    public HttpServer.Builder maxConnections(int connections) {
        maxConnections = OptionChecks.atLeastOne("maxConnections", connections);
        return this;
    }

    @Override
    public HttpServer.Builder gracePeriod(Duration gracePeriod) {
        this.gracePeriod = OptionChecks.notNegative("gracePeriod", gracePeriod);
        return this;
    }

    @Override
    public HttpServer.Builder healthRoutes() {
        return healthRoutes("/health", "/ready");
    }

    @Override
    public HttpServer.Builder healthRoutes(String healthPath, String readyPath) {
        Objects.requireNonNull(healthPath, "healthPath");
        Objects.requireNonNull(readyPath, "readyPath");
        if (this.healthPath != null) {
            throw new IllegalStateException("health routes are already set: " + this.healthPath + ", "
                    + this.readyPath);
        }
        Router.checkPattern(healthPath);
        Router.checkPattern(readyPath);
        if (healthPath.equals(readyPath) || healthPath.contains("{") || readyPath.contains("{")) {
            throw new IllegalArgumentException("healthPath and readyPath must be distinct literal paths, were "
                    + healthPath + " and " + readyPath);
        }
        this.healthPath = healthPath;
        this.readyPath = readyPath;
        return this;
    }

    @Override
    public HttpServer.Builder serverHeader(String value) {
        Objects.requireNonNull(value, "value");
        if (!value.isEmpty()) {
            HttpResponse.status(200).header("Server", value);
        }
        serverHeader = value;
        return this;
    }

    @Override
    public HttpServer.Builder tls(TlsConfig tls) {
        Objects.requireNonNull(tls, "tls");
        if (this.tls != null) {
            throw new IllegalStateException("tls is already set to " + this.tls);
        }
        if (!tls.hasKeyMaterial()) {
            throw new IllegalArgumentException("tls must have a certificate and key for a server, was " + tls);
        }
        this.tls = tls;
        return this;
    }

    @Override
    public HttpServer.Builder name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
        }
        this.name = name;
        return this;
    }

    @Override
    public HttpServer build() {
        if (host == null) {
            throw new IllegalStateException("address(host, port) is required; use port 0 for an unused port");
        }
        if (healthPath != null && (routeKeys.contains("GET " + healthPath) || routeKeys.contains("GET " + readyPath))) {
            throw new IllegalStateException("a GET route clashes with the health routes " + healthPath + " and "
                    + readyPath);
        }
        return HttpServer.create(this);
    }
}
