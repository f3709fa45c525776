package io.aiomisc.junit.tests;

import io.aiomisc.services.tcp.TcpConnection;
import io.aiomisc.services.tcp.TcpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Echoes every line back, on an unused loopback port. */
final class EchoServer extends TcpServer {
    EchoServer() {
        super("127.0.0.1", 0);
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    protected void handleClient(TcpConnection connection) throws IOException {
        String line;
        while ((line = connection.readLine()) != null) {
            connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            connection.drain();
        }
    }
}
