package io.aiomisc.services.tcp;

import io.netty.channel.socket.SocketChannel;

import java.net.InetSocketAddress;

class RawTcpServerBadClientsTest extends BadClientsContract<RawTcpServer> {
    @Override
    RawTcpServer newLineEcho(TcpServer.Options options) {
        return new RawTcpServer("127.0.0.1", 0, options) {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new LineEchoHandler(options.limit()));
            }
        };
    }

    @Override
    InetSocketAddress address(RawTcpServer server) {
        return server.localAddress();
    }

    @Override
    int connections(RawTcpServer server) {
        return server.connections();
    }
}
