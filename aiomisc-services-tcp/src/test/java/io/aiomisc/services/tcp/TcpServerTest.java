package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.threads.Threaded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.aiomisc.services.tcp.Clients.assertEchoes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpServerTest {
    private static Entrypoint.Builder entrypoint(TcpServer server) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(server);
    }

    static class LineEcho extends TcpServer {
        LineEcho(Options options) {
            super("127.0.0.1", 0, options);
        }

        @Override
        protected void handleClient(TcpConnection connection) throws IOException {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void portZeroBindsAnUnusedPortThatLocalAddressReportsAfterTheStart() throws Exception {
        LineEcho server = new LineEcho(TcpServer.Options.defaults());
        IllegalStateException early = assertThrows(IllegalStateException.class, server::localAddress);
        assertEquals("LineEcho[NEW, 127.0.0.1:0] has no local address before it started", early.getMessage());
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client client = new Clients.Client(server.localAddress())) {
            assertNotEquals(0, server.localAddress().getPort(), "localAddress must report the real port");
            assertEchoes(client, "hello");
            assertEquals(1, server.connections());
        }
    }

    @Test
    void handlersRunOnVirtualThreadsThatSeeTheirEntrypointAndItsPool() throws Exception {
        CompletableFuture<Object[]> seen = new CompletableFuture<>();
        TcpServer server = new TcpServer("127.0.0.1", 0) {
            @Override
            protected void handleClient(TcpConnection connection) {
                seen.complete(new Object[] {Thread.currentThread().isVirtual(), Entrypoint.current().orElse(null),
                        Threaded.defaultPool()});
            }
        };
        try (Entrypoint entrypoint = entrypoint(server).start();
             Entrypoint other = Entrypoint.builder().logConfig(false).catchSignals(false).start();
             Clients.Client ignored = new Clients.Client(server.localAddress())) {
            Object[] values = seen.get(10, TimeUnit.SECONDS);
            assertEquals(true, values[0], "the handler must run on a virtual thread");
            assertSame(entrypoint, values[1], "Entrypoint.current() in a handler is the server's entrypoint, "
                    + "even while another entrypoint runs");
            assertSame(entrypoint.threadPool(), values[2], "Threaded calls in a handler use the entrypoint's pool");
            assertTrue(other.state() == Entrypoint.State.RUNNING);
        }
    }

    @Test
    void aStoppedServerStartsAgainInANewEntrypoint() throws Exception {
        LineEcho server = new LineEcho(TcpServer.Options.defaults());
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client client = new Clients.Client(server.localAddress())) {
            assertEchoes(client, "first life");
        }
        InetSocketAddress first = server.localAddress();
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client client = new Clients.Client(server.localAddress())) {
            assertEchoes(client, "second life");
        }
        assertTrue(first.getPort() > 0);
    }

    @Test
    void theEntrypointStopWaitsForAnInFlightRequestWithinTheGracePeriod() throws Exception {
        CountDownLatch requestRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TcpServer server = new TcpServer("127.0.0.1", 0,
                TcpServer.Options.defaults().withGracePeriod(Duration.ofSeconds(30))) {
            @Override
            protected void handleClient(TcpConnection connection) throws Exception {
                String request = connection.readLine();
                requestRead.countDown();
                release.await();
                connection.write(("done " + request + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
        Entrypoint entrypoint = entrypoint(server).start();
        try (Clients.Client client = new Clients.Client(server.localAddress())) {
            client.send("job\n");
            assertTrue(requestRead.await(10, TimeUnit.SECONDS));
            Thread stopper = Thread.ofVirtual().start(entrypoint::close);
            release.countDown();
            assertEquals("done job\n", client.receiveAll(), "the in-flight request completes during the stop");
            stopper.join();
        } finally {
            entrypoint.close();
        }
        Clients.assertPortFree(server.localAddress());
    }

    @Test
    void optionsHaveDocumentedDefaultsAndValidateEagerly() {
        TcpServer.Options defaults = TcpServer.Options.defaults();
        assertEquals(TcpServer.Options.DEFAULT_BACKLOG, defaults.backlog());
        assertEquals(TcpServer.Options.UNLIMITED, defaults.maxConnections());
        assertEquals(Duration.ofSeconds(5), defaults.gracePeriod());
        assertEquals(Map.of(StandardSocketOptions.TCP_NODELAY, true, StandardSocketOptions.SO_REUSEADDR, true),
                defaults.socketOptions());
        assertEquals(TcpConnection.DEFAULT_LIMIT, defaults.limit());
        assertEquals("backlog must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withBacklog(0)).getMessage());
        assertEquals("maxConnections must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withMaxConnections(0)).getMessage());
        assertEquals("gracePeriod must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> defaults.withGracePeriod(Duration.ofSeconds(-1))).getMessage());
        assertEquals("limit must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.withLimit(0)).getMessage());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<java.net.SocketOption<?>, Object> wrongType = (Map) Map.of(StandardSocketOptions.SO_RCVBUF, "big");
        assertEquals("socket option SO_RCVBUF takes a Integer, was given big (String)",
                assertThrows(IllegalArgumentException.class, () -> defaults.withSocketOptions(wrongType))
                        .getMessage());
        TcpServer.Options changed = defaults.withSocketOption(StandardSocketOptions.SO_KEEPALIVE, true);
        assertEquals(true, changed.socketOptions().get(StandardSocketOptions.SO_KEEPALIVE));
        assertEquals(true, changed.socketOptions().get(StandardSocketOptions.TCP_NODELAY),
                "adding an option keeps the others");
        assertThrows(UnsupportedOperationException.class,
                () -> changed.socketOptions().put(StandardSocketOptions.SO_LINGER, 1), "options are immutable");
    }

    @Test
    void theConstructorRejectsABlankHostAndAPortOutOfRange() {
        assertEquals("host must not be blank (use \"0.0.0.0\" or \"::\" for every interface), was ' '",
                assertThrows(IllegalArgumentException.class, () -> new LineEchoAt(" ", 0)).getMessage());
        assertEquals("port must be in 0..65535 (0: an unused port), was 65536",
                assertThrows(IllegalArgumentException.class, () -> new LineEchoAt("localhost", 65_536))
                        .getMessage());
        assertThrows(NullPointerException.class, () -> new LineEchoAt(null, 0));
    }

    @Test
    void aSocketOptionConnectionsDoNotSupportFailsTheStart() {
        LineEcho server = new LineEcho(TcpServer.Options.defaults()
                .withSocketOption(StandardSocketOptions.IP_MULTICAST_TTL, 2));
        Exception failure = assertThrows(Exception.class, () -> entrypoint(server).start());
        assertTrue(String.valueOf(failure.getCause()).contains("IP_MULTICAST_TTL is not supported"),
                "the start must fail naming the option: " + failure.getCause());
    }

    static final class LineEchoAt extends TcpServer {
        LineEchoAt(String host, int port) {
            super(host, port);
        }

        @Override
        protected void handleClient(TcpConnection connection) {
        }
    }
}
