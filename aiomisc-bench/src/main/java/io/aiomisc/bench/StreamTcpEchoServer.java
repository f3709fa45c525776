package io.aiomisc.bench;

import io.aiomisc.services.tcp.IncompleteReadException;
import io.aiomisc.services.tcp.internal.ServerSettings;
import io.aiomisc.services.tcp.internal.StreamServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Map;

/** Variant (c): the stream server of aiomisc-services-tcp; the handler reads a message, writes it, drains. */
final class StreamTcpEchoServer implements TcpBenchServer.Running {
    private final StreamServer server;
    private final int port;

    StreamTcpEchoServer(int size) throws Exception {
        server = new StreamServer("stream-echo", new ServerSettings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024, Integer.MAX_VALUE, Duration.ZERO,
                Map.of(StandardSocketOptions.TCP_NODELAY, true), 65536), connection -> {
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
                });
        port = server.start().getPort();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
