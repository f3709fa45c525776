package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.aiomisc.services.tcp.Clients.assertEchoes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The counters of {@link RawTcpServer} ({@link TcpServerStatistics}) and {@link UdpServer}
 * ({@link UdpServerStatistics}) move as documented, with real loopback clients; assertions follow something the
 * client observed after the count, or the stop, which waits for the connections and handlers.
 */
@Timeout(60)
class RawAndUdpServerStatisticsTest {

    /** Echoes what it reads, and throws (leaving the exception to the end of the pipeline) on "boom". */
    static final class EchoOrBoom extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (in.toString(StandardCharsets.UTF_8).contains("boom")) {
                in.release();
                throw new IllegalStateException("the pipeline's own bug");
            }
            ctx.writeAndFlush(in);
        }
    }

    /** A raw server with {@link EchoOrBoom}, or one whose {@code initChannel} throws. */
    static final class Raw extends RawTcpServer {
        private final boolean failInit;

        Raw(TcpServer.Options options, boolean failInit) {
            super("127.0.0.1", 0, options);
            this.failInit = failInit;
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            if (failInit) {
                throw new IllegalStateException("initChannel's own bug");
            }
            channel.pipeline().addLast(new EchoOrBoom());
        }
    }

    /** Echoes each datagram; answers "fail" with "failing" and then throws. */
    static final class Udp extends UdpServer {
        Udp() {
            super("127.0.0.1", 0);
        }

        @Override
        protected void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception {
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.equals("fail")) {
                send("failing".getBytes(StandardCharsets.UTF_8), sender).get();
                throw new IllegalStateException("the handler's own bug");
            }
            send(data, sender).get();
        }
    }

    private static Entrypoint start(Service server) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(server).start();
    }

    private static Raw raw() {
        return new Raw(TcpServer.Options.defaults(), false);
    }

    @Test
    void aRawServerCountsAdmittedAndRefusedConnections() throws Exception {
        Raw server = new Raw(TcpServer.Options.defaults().withMaxConnections(1), false);
        try (Entrypoint ignored = start(server);
             Clients.Client admitted = new Clients.Client(server.localAddress())) {
            assertEchoes(admitted, "in");
            try (Clients.Client extra = new Clients.Client(server.localAddress())) {
                assertEquals("", extra.receiveAll(), "the connection over the limit is closed at once");
            }
            assertEquals(new TcpServerStatistics(1, 1, 1, 0, 0, 0), server.statistics(),
                    "one admitted and open connection, one refused");
        }
        assertEquals(0, server.statistics().connectionsActive(), "nothing is active after the stop");
    }

    @Test
    void aRawServerCountsAnInitChannelThatThrowsAsAHandlerFailure() throws Exception {
        Raw server = new Raw(TcpServer.Options.defaults(), true);
        try (Entrypoint ignored = start(server);
             Clients.Client client = new Clients.Client(server.localAddress())) {
            assertEquals("", client.receiveAll(), "a connection whose initChannel threw is closed");
            assertEquals(1, server.statistics().handlerFailures(), "initChannel's exception must be counted");
        }
    }

    @Test
    void anExceptionThatReachesTheEndOfTheRawPipelineIsAHandlerFailure() throws Exception {
        Raw server = raw();
        try (Entrypoint ignored = start(server)) {
            try (Clients.Client client = new Clients.Client(server.localAddress())) {
                assertEchoes(client, "fine");
                client.send("boom\n");
            }
        }
        // The stop waited for the connection to close, which it did after reading "boom" and then the client's end.
        TcpServerStatistics statistics = server.statistics();
        assertEquals(1, statistics.handlerFailures(), "the exception no handler took care of must be counted");
        assertEquals(0, statistics.peerResets());
    }

    @Test
    void aClientThatResetsARawConnectionIsAPeerReset() throws Exception {
        Raw server = raw();
        try (Entrypoint ignored = start(server)) {
            Clients.Client client = new Clients.Client(server.localAddress());
            assertEchoes(client, "hello");
            client.reset();
        }
        TcpServerStatistics statistics = server.statistics();
        assertEquals(1, statistics.peerResets(), "the reset reaches the end of the pipeline as an IOException");
        assertEquals(0, statistics.handlerFailures(), "a peer's reset is not a handler failure");
    }

    @Test
    void aUdpServerCountsItsDatagramsAndAHandlerThatThrows() throws Exception {
        Udp server = new Udp();
        try (Entrypoint ignored = start(server);
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(10_000);
            assertEquals("one", exchange(client, "one", server.localAddress()));
            assertEquals("failing", exchange(client, "fail", server.localAddress()));
        }
        // The stop joined the failing handler's thread, which counted before it ended.
        assertEquals(new UdpServerStatistics(2, 0, 0, 1), server.statistics(),
                "two datagrams received, none dropped, none running after the stop, one handler failed");
    }

    private static String exchange(DatagramSocket client, String text, InetSocketAddress server) throws Exception {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(data, data.length, server));
        DatagramPacket answer = new DatagramPacket(new byte[64], 64);
        client.receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }
}
