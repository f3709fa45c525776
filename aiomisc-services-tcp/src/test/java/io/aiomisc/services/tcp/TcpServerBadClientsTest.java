package io.aiomisc.services.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

class TcpServerBadClientsTest extends BadClientsContract<TcpServer> {
    @Override
    TcpServer newLineEcho(TcpServer.Options options) {
        return new TcpServer("127.0.0.1", 0, options) {
            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                String line;
                while ((line = connection.readLine()) != null) {
                    connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        };
    }

    @Override
    InetSocketAddress address(TcpServer server) {
        return server.localAddress();
    }

    @Override
    int connections(TcpServer server) {
        return server.connections();
    }
}
