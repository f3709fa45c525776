package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.http.HttpRequest;
import io.aiomisc.services.http.HttpResponse;
import org.slf4j.MDC;

/** The request-id filter: the id in the MDC while the chain runs, and in the response. Thread-safe. */
public final class RequestIdFilter implements HttpFilter {
    /** The shared instance. */
    public static final RequestIdFilter INSTANCE = new RequestIdFilter();

    /** The MDC key. */
    public static final String MDC_KEY = "requestId";

    private RequestIdFilter() {
    }

    @Override
    public HttpResponse filter(HttpRequest request, Chain chain) throws Exception {
        String id = request.requestId();
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            return chain.next(request).header("X-Request-Id", id);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    @Override
    public String toString() {
        return "HttpFilter.requestId()";
    }
}
