package io.aiomisc.services.http;

/**
 * Answers one HTTP request.
 *
 * <p>Called on a virtual thread ({@link HandlerMode#VIRTUAL}) or on an event loop ({@link HandlerMode#EVENT_LOOP}),
 * possibly for many requests at once: an implementation must be thread-safe.
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * Answers {@code request}.
     *
     * @param request the request
     * @return the response; never null
     * @throws Exception any failure: the client gets {@code 500} with the request id, the exception is logged with
     *                   its stack trace and never echoed; {@link InterruptedException} when the server
     *                   interrupted the handler (the request timed out and got its 503, or the connection is
     *                   gone) is not a failure, any other is
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
