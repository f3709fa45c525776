package io.aiomisc.services.http;

/**
 * The counters of an {@link HttpServer}, returned by {@link HttpServer#statistics()} and published over JMX as
 * {@code io.aiomisc:type=HttpServer,entrypoint=<id>,name=<service name>} while the server runs. The counts cover
 * the server object's whole life, across restarts; {@code connectionsActive} is the number open now. Each event is
 * counted once.
 *
 * <p>Responses are counted by status class when they are handed to the connection to be written (a streamed one
 * when its head is); the interim {@code 100 Continue} is not a response here, and a handler can only answer
 * 200..599. Every request taken on gets at most one response, so {@code requests} minus the four response counts
 * is the number of requests in flight, or whose connection closed before they were answered.
 *
 * @param connectionsAccepted connections admitted (below {@code maxConnections})
 * @param connectionsActive   admitted connections open now; 0 when the server is not running
 * @param connectionsRefused  connections over {@code maxConnections}: answered {@code 503} or, when too many of
 *                            those wait for their answer, closed at once. Their requests and 503s are not counted
 *                            in {@code requests} or {@code responses5xx}.
 * @param requests            request heads read on admitted connections, including those then refused with a
 *                            protocol error
 * @param responses2xx        responses with a 2xx status
 * @param responses3xx        responses with a 3xx status
 * @param responses4xx        responses with a 4xx status: the handlers' own, and the server's (404, 405, the
 *                            protocol errors)
 * @param responses5xx        responses with a 5xx status: the handlers' own, and the server's (500 for a failed
 *                            handler, 503 for a timeout)
 * @param handlerFailures     requests whose filter or handler threw (or returned null), answered 500; a VIRTUAL
 *                            handler interrupted by the request timeout counts here only if it then throws
 *                            something other than {@code InterruptedException} (one the server did not cause
 *                            counts)
 * @param protocolErrors      requests refused before any filter or handler ran, and their connection closed: a
 *                            malformed request (400), a body over {@code maxContentLength} (413), a request line
 *                            over {@code maxInitialLineLength} (414), an unsupported {@code Expect} (417), headers
 *                            over {@code maxHeaderSize} (431)
 * @param requestTimeouts     VIRTUAL handlers that overran {@code requestTimeout} (answered 503), and streamed
 *                            responses that did (connection reset)
 * @param tlsHandshakeFailures HTTPS: admitted connections closed before any request because the TLS handshake did
 *                            not complete (an untrusted or missing client certificate, no common protocol or
 *                            cipher suite, plain HTTP on the HTTPS port, a client that went quiet for Netty's
 *                            10 s handshake timeout or closed); not counted: the server closing a connection
 *                            still in its handshake (the stop, the idle timeout); always 0 for plain HTTP
 */
public record HttpServerStatistics(long connectionsAccepted, int connectionsActive, long connectionsRefused,
                                   long requests, long responses2xx, long responses3xx, long responses4xx,
                                   long responses5xx, long handlerFailures, long protocolErrors,
                                   long requestTimeouts, long tlsHandshakeFailures) {
}
