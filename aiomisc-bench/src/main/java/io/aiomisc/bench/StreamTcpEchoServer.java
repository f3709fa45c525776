package io.aiomisc.bench;

import io.aiomisc.Entrypoint;
import io.aiomisc.services.tcp.IncompleteReadException;
import io.aiomisc.services.tcp.TcpConnection;
import io.aiomisc.services.tcp.TcpServer;

import java.io.IOException;

/**
 * Variant (c): {@link TcpServer} in an entrypoint; the handler is what an aiomisc user writes: read a message,
 * write the answer, drain.
 */
final class StreamTcpEchoServer implements TcpBenchServer.Running {
    private final TcpServer server;
    private final Entrypoint entrypoint;

    StreamTcpEchoServer(int size) {
        server = new TcpServer("127.0.0.1", 0) {
            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                while (true) {
                    byte[] message;
                    try {
                        message = connection.readExactly(size);
                    } catch (IncompleteReadException end) {
                        return;
                    }
                    connection.write(message);
                    connection.drain();
                }
            }
        };
        entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false).services(server).start();
    }

    @Override
    public int port() {
        return server.localAddress().getPort();
    }

    @Override
    public void close() {
        entrypoint.close();
    }
}
