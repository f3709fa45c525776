package io.aiomisc.services.http;

import io.aiomisc.services.http.internal.AccessLogFilter;
import io.aiomisc.services.http.internal.RequestIdFilter;

/**
 * Wraps the handling of every request: runs code before and after the rest of the chain, or answers by itself
 * without calling it (short-circuit: authentication, rate limits). Filters run in the order they were added to
 * the builder, in the route's {@link HandlerMode}, also for requests that end in 404 or 405.
 * <pre>{@code
 * HttpFilter auth = (request, chain) -> request.header("Authorization").isPresent()
 *         ? chain.next(request)
 *         : HttpResponse.status(401);
 * }</pre>
 *
 * <p>Thread-safety: called for many requests at once; an implementation must be thread-safe.
 */
@FunctionalInterface
public interface HttpFilter {
    /**
     * Handles {@code request}, usually by calling {@code chain.next(request)}.
     *
     * @param request the request
     * @param chain   the rest of the chain (further filters, then the route's handler)
     * @return the response; never null
     * @throws Exception any failure, treated as a handler failure (500)
     */
    HttpResponse filter(HttpRequest request, Chain chain) throws Exception;

    /**
     * The rest of a filter chain.
     */
    @FunctionalInterface
    interface Chain {
        /**
         * Passes the request on to the next filter or, after the last, to the route's handler.
         *
         * @param request the request (usually the one the filter got)
         * @return the response of the rest of the chain
         * @throws Exception what the rest of the chain threw
         */
        HttpResponse next(HttpRequest request) throws Exception;
    }

    /**
     * Returns a filter that logs one INFO line per request on the logger {@code io.aiomisc.services.http.access}:
     * remote address, method, path, status, response body size ({@code -} when streamed) and handling time.
     * A failing handler is logged as 500 and the failure passed on.
     *
     * @return the shared access-log filter
     */
    static HttpFilter accessLog() {
        return AccessLogFilter.INSTANCE;
    }

    /**
     * Returns a filter that puts the request's {@link HttpRequest#requestId() id} into the SLF4J MDC as
     * {@code requestId} while the rest of the chain runs (so every log line of the request carries it) and adds
     * it to the response as {@code X-Request-Id}. Add it first so the other filters' lines carry the id too.
     *
     * @return the shared request-id filter
     */
    static HttpFilter requestId() {
        return RequestIdFilter.INSTANCE;
    }
}
