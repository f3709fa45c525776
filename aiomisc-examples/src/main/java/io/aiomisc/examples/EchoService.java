package io.aiomisc.examples;

import io.aiomisc.services.tcp.TcpConnection;
import io.aiomisc.services.tcp.TcpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's TCP service: echoes every line it reads back to the client, until the client closes. aiomisc's
 * {@code TCPServer} example with {@code reader.readline()} and {@code writer.write()}.
 */
public final class EchoService extends TcpServer {

    /**
     * Creates the service; it binds when the entrypoint starts it.
     *
     * @param host the address to bind
     * @param port the port to bind, 0 for an unused one (read it back with {@link #localAddress()})
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is out of range
     */
    public EchoService(String host, int port) {
        super(host, port);
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
