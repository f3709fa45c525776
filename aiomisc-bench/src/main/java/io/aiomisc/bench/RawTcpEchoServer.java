package io.aiomisc.bench;

import io.aiomisc.services.tcp.Transport;
import io.aiomisc.services.tcp.internal.RawServer;
import io.aiomisc.services.tcp.internal.ServerSettings;
import io.aiomisc.services.tcp.internal.SharedEventLoops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Map;

/** Variant (b): the raw Netty server of aiomisc-services-tcp with the same echo pipeline as the baseline. */
final class RawTcpEchoServer implements TcpBenchServer.Running {
    private final SharedEventLoops.Lease loops;
    private final RawServer server;
    private final int port;

    RawTcpEchoServer() throws Exception {
        loops = SharedEventLoops.acquire(this, Transport.AUTO, 1);
        server = new RawServer("raw-echo", new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), 1024, Integer.MAX_VALUE, Duration.ZERO, Map.of(StandardSocketOptions.TCP_NODELAY, true), 65536),
                loops.group(), loops.transport(), channel -> channel.pipeline().addLast(NettyEchoServer.Echo.INSTANCE));
        port = server.start().getPort();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        loops.close();
    }
}
