package io.aiomisc.bench;

import io.aiomisc.Entrypoint;
import io.aiomisc.services.tcp.NettyLoop;
import io.aiomisc.services.tcp.RawTcpServer;
import io.netty.channel.socket.SocketChannel;

/**
 * Variant (b): {@link RawTcpServer} in an entrypoint with one event-loop thread, with the same echo pipeline as
 * the plain Netty baseline.
 */
final class RawTcpEchoServer implements TcpBenchServer.Running {
    private final RawTcpServer server;
    private final Entrypoint entrypoint;

    RawTcpEchoServer() {
        server = new RawTcpServer("127.0.0.1", 0) {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(NettyEchoServer.Echo.INSTANCE);
            }
        };
        entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false).set(NettyLoop.THREADS, 1)
                .services(server).start();
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
