package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.tcp.TlsConfig;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the engine needs, validated by the public builder.
 *
 * @param host                 where to bind
 * @param port                 the port, 0 for an unused one
 * @param router               the routes
 * @param filters              the filters, in order
 * @param maxContentLength     the largest buffered request body, in bytes
 * @param maxHeaderSize        the largest header block, in bytes
 * @param maxInitialLineLength the longest request line, in bytes
 * @param idleTimeout          how long a connection may sit without a request in progress
 * @param requestTimeout       how long a VIRTUAL handler (and its streamed response) may take
 * @param maxConnections       the most connections open at once
 * @param gracePeriod          how long the stop lets in-flight requests finish
 * @param serverHeader         the {@code Server} header value
 * @param tls                  the TLS settings, or null to serve plain HTTP
 */
public record HttpSettings(String host, int port, Router router, List<HttpFilter> filters, long maxContentLength,
                           int maxHeaderSize, int maxInitialLineLength, Duration idleTimeout,
                           Duration requestTimeout, int maxConnections, Duration gracePeriod,
                           String serverHeader, TlsConfig tls) {
    /** Copies the filter list. */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(router, "router");
        filters = List.copyOf(filters);
    }
}
