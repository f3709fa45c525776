package io.aiomisc.services.http;

/**
 * Where a route's filters and handler run.
 */
public enum HandlerMode {
    /**
     * On a new virtual thread per request (the default): the handler may block (JDBC, files, other services).
     * Requests of one connection may then finish out of order; their responses are still sent in request order.
     */
    VIRTUAL,
    /**
     * On the connection's Netty event-loop thread, for handlers that never block and finish in microseconds: no
     * thread hand-off, the fastest mode. A handler that blocks here stalls every connection of that event loop.
     * The request timeout does not apply (nothing can interrupt the loop).
     */
    EVENT_LOOP
}
