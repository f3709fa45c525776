package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.Transport;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawServerTest {
    private SharedEventLoops.Lease lease;
    private RawServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
        if (lease != null) {
            lease.close();
        }
    }

    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private InetSocketAddress start(Transport transport, int max, Duration grace, RawServer.Initializer init)
            throws Exception {
        lease = SharedEventLoops.acquire(new Object(), transport, 1);
        Map<SocketOption<?>, Object> options = Map.of(StandardSocketOptions.TCP_NODELAY, true,
                StandardSocketOptions.SO_REUSEADDR, true, StandardSocketOptions.SO_RCVBUF, 64 * 1024);
        server = new RawServer("raw", new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                128, max, grace, options, 1024), lease.group(), lease.transport(), init);
        return server.start();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"AUTO", "NIO"})
    void echoesThroughTheUsersPipelineOnEveryTransport(Transport transport) throws Exception {
        InetSocketAddress address = start(transport, 10, Duration.ZERO, ch -> ch.pipeline().addLast(new Echo()));
        try (Peer peer = new Peer(address)) {
            assertEquals("ping", peer.send("ping").receive("ping"));
        }
    }

    @Test
    void maxConnectionsRefusesExtrasCleanly() throws Exception {
        InetSocketAddress address = start(Transport.AUTO, 1, Duration.ZERO, ch -> ch.pipeline().addLast(new Echo()));
        try (Peer admitted = new Peer(address)) {
            assertEquals("a", admitted.send("a").receive("a"));
            try (Peer extra = new Peer(address)) {
                assertEquals(0, extra.receiveAll().length, "the extra connection must be closed unanswered");
            }
            assertEquals("b", admitted.send("b").receive("b"), "the admitted client must be unaffected");
        }
    }

    @Test
    void aFailingInitializerClosesThatConnectionOnly() throws Exception {
        int[] calls = {0};
        InetSocketAddress address = start(Transport.AUTO, 10, Duration.ZERO, ch -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("initializer bug, expected by the test");
            }
            ch.pipeline().addLast(new Echo());
        });
        try (Peer failed = new Peer(address)) {
            assertEquals(0, failed.receiveAll().length);
        }
        try (Peer good = new Peer(address)) {
            assertEquals("ok", good.send("ok").receive("ok"));
        }
    }

    @Test
    void stopClosesTheListenerWaitsTheGracePeriodThenClosesConnectionsAndFreesThePort() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        InetSocketAddress address = start(Transport.AUTO, 10, Duration.ofMillis(50), ch -> {
            ch.pipeline().addLast(new Echo());
            ch.closeFuture().addListener(f -> closed.countDown());
        });
        try (Peer idle = new Peer(address)) {
            assertEquals("x", idle.send("x").receive("x"));
            server.stop();
            assertEquals(0, closed.getCount(), "the open connection must be closed when stop returns");
            assertEquals(0, server.connections());
            assertEquals(0, idle.receiveAll().length);
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(address);
        }
    }

    @Test
    void aConnectionThatEndsWithinTheGracePeriodIsNotCutShort() throws Exception {
        InetSocketAddress address = start(Transport.AUTO, 10, Duration.ofSeconds(30),
                ch -> ch.pipeline().addLast(new Echo()));
        Peer peer = new Peer(address);
        assertEquals("y", peer.send("y").receive("y"));
        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals("z", peer.send("z").receive("z"), "an open connection is served during the grace period");
        peer.close();
        stopper.join();
        assertEquals(0, server.connections());
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"AUTO", "NIO"})
    void aSocketOptionTheTransportCannotSetFailsTheStart(Transport transport) throws Exception {
        lease = SharedEventLoops.acquire(new Object(), transport, 1);
        Map<SocketOption<?>, Object> options = Map.of(jdkOnlyOption(), true);
        RawServer failing = new RawServer("raw", new ServerSettings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128, 1, Duration.ZERO, options, 1024),
                lease.group(), lease.transport(), ch -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, failing::start);
        assertTrue(e.getMessage().startsWith("socket option MADE_UP_OPTION is not supported by the "),
                e.getMessage());
    }

    private static SocketOption<Boolean> jdkOnlyOption() {
        return new SocketOption<>() {
            @Override
            public String name() {
                return "MADE_UP_OPTION";
            }

            @Override
            public Class<Boolean> type() {
                return Boolean.class;
            }
        };
    }
}
