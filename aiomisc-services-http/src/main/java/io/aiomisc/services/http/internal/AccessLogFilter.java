package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.http.HttpRequest;
import io.aiomisc.services.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;

/** The access-log filter: one INFO line per request. Stateless; thread-safe. */
public final class AccessLogFilter implements HttpFilter {
    /** The shared instance. */
    public static final AccessLogFilter INSTANCE = new AccessLogFilter();

    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.services.http.access");

    private AccessLogFilter() {
    }

    @Override
    public HttpResponse filter(HttpRequest request, Chain chain) throws Exception {
        long started = System.nanoTime();
        try {
            HttpResponse response = chain.next(request);
            if (LOG.isInfoEnabled()) {
                OptionalLong length = response.contentLength();
                LOG.info("{} \"{} {} {}\" {} {} {} us", request.remoteAddress().getAddress().getHostAddress(),
                        request.method(), request.uri(), request.protocol(), response.statusCode(),
                        length.isPresent() ? Long.toString(length.getAsLong()) : "-",
                        (System.nanoTime() - started) / 1000);
            }
            return response;
        } catch (Exception | Error e) {
            LOG.info("{} \"{} {} {}\" 500 - {} us", request.remoteAddress().getAddress().getHostAddress(),
                    request.method(), request.uri(), request.protocol(), (System.nanoTime() - started) / 1000);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "HttpFilter.accessLog()";
    }
}
