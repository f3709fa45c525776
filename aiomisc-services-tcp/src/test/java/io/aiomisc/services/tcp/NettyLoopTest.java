package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.services.tcp.internal.SharedEventLoops;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class NettyLoopTest {
    private static Entrypoint.Builder entrypoint() {
        return Entrypoint.builder().logConfig(false).catchSignals(false);
    }

    /** A raw server that reports the first accepted channel and the thread context its pipeline runs in. */
    static final class Probe extends RawTcpServer {
        final CompletableFuture<SocketChannel> channel = new CompletableFuture<>();
        final CompletableFuture<Entrypoint> current = new CompletableFuture<>();

        Probe() {
            super("127.0.0.1", 0);
        }

        @Override
        protected void initChannel(SocketChannel accepted) {
            current.complete(Entrypoint.current().orElse(null));
            channel.complete(accepted);
        }
    }

    static final class Quiet extends UdpServer {
        Quiet() {
            super("127.0.0.1", 0);
        }

        @Override
        protected void handleDatagram(byte[] data, InetSocketAddress sender) {
        }
    }

    private static SocketChannel acceptedBy(Probe probe) throws Exception {
        try (Clients.Client ignored = new Clients.Client(probe.localAddress())) {
            return probe.channel.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTransportOptionChoosesTheChannelClasses() throws Exception {
        Probe nio = new Probe();
        try (Entrypoint ignored = entrypoint().set(NettyLoop.TRANSPORT, Transport.NIO).services(nio).start()) {
            assertInstanceOf(NioSocketChannel.class, acceptedBy(nio), "TRANSPORT=NIO must give NIO channels");
        }
        Probe auto = new Probe();
        try (Entrypoint ignored = entrypoint().services(auto).start()) {
            String expected = Epoll.isAvailable() ? "EpollSocketChannel" : "NioSocketChannel";
            assertEquals(expected, acceptedBy(auto).getClass().getSimpleName(),
                    "AUTO must use epoll where it loads, NIO elsewhere");
        }
    }

    @Test
    void ioUringServesConnectionsWhenAskedForAndAvailable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.uring.IoUring.isAvailable(),
                "io_uring is not available on this machine");
        RawTcpServer echo = new RawTcpServer("127.0.0.1", 0) {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new LineEchoHandler(1024));
            }
        };
        try (Entrypoint ignored = entrypoint().set(NettyLoop.TRANSPORT, Transport.IO_URING).services(echo).start();
             Clients.Client client = new Clients.Client(echo.localAddress())) {
            Clients.assertEchoes(client, "over io_uring");
        }
    }

    @Test
    void theThreadsOptionSetsTheNumberOfEventLoopsAndANegativeOneFailsTheStart() throws Exception {
        try (Entrypoint entrypoint = entrypoint().set(NettyLoop.THREADS, 3).start();
             NettyLoop loop = NettyLoop.acquire(entrypoint)) {
            int loops = 0;
            for (EventExecutor ignored : loop.group()) {
                loops++;
            }
            assertEquals(3, loops);
        }
        Probe probe = new Probe();
        Exception failure = assertThrows(Exception.class,
                () -> entrypoint().set(NettyLoop.THREADS, -1).services(probe).start());
        assertEquals("aiomisc.netty.threads must be >= 0 (0: Netty's default), was -1",
                failure.getCause().getMessage());
    }

    @Test
    void theNettyServicesOfOneEntrypointShareOneGroupThatEndsWithTheLastOfThem() throws Exception {
        Probe raw = new Probe();
        Quiet udp = new Quiet();
        try (Entrypoint entrypoint = entrypoint().services(raw, udp).start();
             Entrypoint other = entrypoint().start();
             NettyLoop mine = NettyLoop.acquire(entrypoint);
             NettyLoop theirs = NettyLoop.acquire(other)) {
            assertNotSame(mine.group(), theirs.group(), "two entrypoints never share event loops");
            mine.close();
            entrypoint.stopServices(raw);
            assertTrue(SharedEventLoops.hasGroup(entrypoint), "the group lives on while the UDP server runs");
            entrypoint.stopServices(udp);
            assertFalse(SharedEventLoops.hasGroup(entrypoint), "the group ends with the last service using it");
            try (NettyLoop again = NettyLoop.acquire(entrypoint)) {
                assertFalse(again.group().isShuttingDown(), "a later use creates the group again");
            }
        }
    }

    @Test
    void pipelinesRunOnEventLoopsThatSeeTheirEntrypoint() throws Exception {
        Probe probe = new Probe();
        try (Entrypoint entrypoint = entrypoint().services(probe).start();
             Entrypoint ignored = entrypoint().start()) {
            acceptedBy(probe);
            assertSame(entrypoint, probe.current.get(10, TimeUnit.SECONDS),
                    "Entrypoint.current() on an event loop is the entrypoint that created the loops");
        }
    }

    @Test
    void debugModeAddsTheLeakAndStallChecksToTheLoops() throws Exception {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        try (Entrypoint entrypoint = entrypoint().debug(true).start();
             NettyLoop loop = NettyLoop.acquire(entrypoint)) {
            assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
            assertTrue(loop.toString().startsWith("NettyLoop["));
        } finally {
            ResourceLeakDetector.setLevel(before);
        }
    }

    @Test
    void theChosenTransportIsReportedAndNeverAuto() throws Exception {
        try (Entrypoint entrypoint = entrypoint().start(); NettyLoop loop = NettyLoop.acquire(entrypoint)) {
            assertNotSame(Transport.AUTO, loop.transport());
            assertEquals(loop.transport() == Transport.EPOLL ? "EpollServerSocketChannel" : "NioServerSocketChannel",
                    loop.serverChannelType().getSimpleName());
        }
    }
}
