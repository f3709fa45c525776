package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.TcpConnection;

/** What a stream server runs for each connection, on the connection's own virtual thread. */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves one connection; returning or throwing closes it.
     *
     * @param connection the connection
     * @throws Exception logged by the server, which closes this connection only
     */
    void handle(TcpConnection connection) throws Exception;
}
