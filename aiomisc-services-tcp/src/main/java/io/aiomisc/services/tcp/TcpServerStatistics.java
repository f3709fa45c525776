package io.aiomisc.services.tcp;

/**
 * The counters of a {@link TcpServer} (and so of a {@link TlsServer}) or a {@link RawTcpServer}, returned by their
 * {@code statistics()} and published over JMX as {@code io.aiomisc:type=<server class>,entrypoint=<id>,name=<service
 * name>} while the server runs. The counts cover the server object's whole life, across restarts;
 * {@code connectionsActive} is the number open now.
 *
 * @param connectionsAccepted connections admitted to a handler (below {@code maxConnections})
 * @param connectionsActive   connections open now; 0 when the server is not running
 * @param connectionsRefused  connections closed at once because {@code maxConnections} were open
 * @param handlerFailures     {@link TcpServer}: handlers that ended with an exception other than a peer reset (an
 *                            exception caused by the stop closing the connection after the grace period is not
 *                            counted); {@link RawTcpServer}: {@code initChannel} threw, or an exception other than
 *                            an {@code IOException} reached the end of the pipeline
 * @param peerResets          {@link TcpServer}: handlers that ended with the socket's own error (the peer reset the
 *                            connection or the network dropped it); {@link RawTcpServer}: an
 *                            {@code IOException} (Netty's report of a reset or a dropped network) reached the end
 *                            of the pipeline
 * @param tlsHandshakeFailures {@link TlsServer}: accepted connections dropped before their handler ran because
 *                            the TLS handshake did not complete (an untrusted or missing client certificate, no
 *                            common protocol or cipher suite, plain text on the TLS port, a client that went quiet
 *                            for {@link TlsServer#HANDSHAKE_TIMEOUT} or closed; not a handshake the stop cut
 *                            off); always 0 for a plain
 *                            {@link TcpServer} and for a {@link RawTcpServer}, whose pipeline is its own
 */
public record TcpServerStatistics(long connectionsAccepted, int connectionsActive, long connectionsRefused,
                                  long handlerFailures, long peerResets, long tlsHandshakeFailures) {
}
