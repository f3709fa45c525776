package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.TcpConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamServerTest {
    private static final int LIMIT = 4096;
    private final List<StreamServer> servers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Thread> handlerThreads = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (StreamServer server : servers) {
            server.stop();
        }
    }

    private StreamServer start(int maxConnections, Duration grace, ConnectionHandler handler) throws IOException {
        Map<SocketOption<?>, Object> options = Map.of(StandardSocketOptions.TCP_NODELAY, true,
                StandardSocketOptions.SO_REUSEADDR, true);
        ServerSettings settings = new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                128, maxConnections, grace, options, LIMIT);
        StreamServer server = new StreamServer("test-server", settings, connection -> {
            handlerThreads.add(Thread.currentThread());
            handler.handle(connection);
        });
        servers.add(server);
        server.start();
        return server;
    }

    private static void echoLines(TcpConnection connection) throws IOException {
        String line;
        while ((line = connection.readLine()) != null) {
            connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertEchoes(Peer peer, String line) throws IOException {
        assertEquals(line + "\n", peer.send(line + "\n").receive(line + "\n"),
                "the echo server must answer a well-behaved client");
    }

    @Test
    void portZeroBindsAnUnusedPortThatLocalAddressReports() throws IOException {
        StreamServer server = start(10, Duration.ZERO, StreamServerTest::echoLines);
        assertTrue(server.localAddress().getPort() > 0, "localAddress must report the bound port");
        try (Peer peer = new Peer(server.localAddress())) {
            assertEchoes(peer, "hello");
        }
    }

    @Test
    void servesManyClientsConcurrentlyEachOnItsOwnVirtualThread() throws Exception {
        StreamServer server = start(100, Duration.ZERO, StreamServerTest::echoLines);
        List<Peer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                peers.add(new Peer(server.localAddress()));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < peers.size(); i++) {
                    peers.get(i).send("client " + i + " round " + round + "\n");
                }
                for (int i = 0; i < peers.size(); i++) {
                    String expected = "client " + i + " round " + round + "\n";
                    assertEquals(expected, peers.get(i).receive(expected));
                }
            }
        } finally {
            for (Peer peer : peers) {
                peer.close();
            }
        }
        assertTrue(handlerThreads.stream().allMatch(Thread::isVirtual), "handlers must run on virtual threads");
        assertEquals(50, handlerThreads.stream().distinct().count(), "one thread per connection");
    }

    @Test
    void maxConnectionsRefusesExtrasCleanlyAndAdmitsAgainOnceOneCloses() throws Exception {
        CountDownLatch firstEnded = new CountDownLatch(1);
        StreamServer server = start(2, Duration.ZERO, connection -> {
            try {
                echoLines(connection);
            } finally {
                firstEnded.countDown();
            }
        });
        try (Peer one = new Peer(server.localAddress()); Peer two = new Peer(server.localAddress())) {
            assertEchoes(one, "one");
            assertEchoes(two, "two");
            try (Peer extra = new Peer(server.localAddress())) {
                assertEquals(0, extra.receiveAll().length, "an extra client must be closed at once, unanswered");
            }
            assertEchoes(one, "the admitted clients are unaffected by the refusal");
            one.close();
            assertTrue(firstEnded.await(10, TimeUnit.SECONDS));
            awaitConnections(server, 1);
            try (Peer later = new Peer(server.localAddress())) {
                assertEchoes(later, "admitted once a slot is free");
            }
        }
    }

    @Test
    void anExceptionInAHandlerClosesThatConnectionOnly() throws IOException {
        StreamServer server = start(10, Duration.ZERO, connection -> {
            String line;
            while ((line = connection.readLine()) != null) {
                if (line.equals("boom")) {
                    throw new IllegalStateException("handler bug, expected by the test");
                }
                connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        try (Peer good = new Peer(server.localAddress()); Peer bad = new Peer(server.localAddress())) {
            bad.send("boom\n");
            assertEquals(0, bad.receiveAll().length);
            assertEchoes(good, "server survives a failing handler");
        }
    }

    @Test
    void stopLetsAConnectionFinishWithinTheGracePeriod() throws Exception {
        CountDownLatch requestRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StreamServer server = start(10, Duration.ofSeconds(30), connection -> {
            String request = connection.readLine();
            requestRead.countDown();
            release.await();
            connection.write(("done " + request + "\n").getBytes(StandardCharsets.UTF_8));
        });
        int port = server.localAddress().getPort();
        try (Peer peer = new Peer(server.localAddress())) {
            peer.send("job\n");
            assertTrue(requestRead.await(10, TimeUnit.SECONDS));
            Thread stopper = Thread.ofVirtual().start(() -> {
                try {
                    server.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // The listener is closed first: a new connection is not served while the old one still is.
            awaitNotListening(server);
            assertNotServed(server.localAddress());
            release.countDown();
            assertEquals("done job\n", new String(peer.receiveAll(), StandardCharsets.UTF_8),
                    "the in-flight request must complete during the grace period");
            stopper.join();
        }
        assertNoHandlerThreadLeft();
        assertPortFree(port);
    }

    @Test
    void stopClosesConnectionsStillOpenAfterTheGracePeriodAndInterruptsTheirHandlers() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        StreamServer server = start(10, Duration.ofMillis(50), connection -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        int port = server.localAddress().getPort();
        try (Peer peer = new Peer(server.localAddress())) {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            server.stop();
            assertEquals(0, peer.receiveAll().length, "the connection must be closed by the stop");
        }
        assertEquals(0, interrupted.getCount(), "a handler not blocked on the socket must be interrupted");
        assertNoHandlerThreadLeft();
        assertPortFree(port);
    }

    @Test
    void handlerThreadsInheritTheInheritableThreadLocalsOfTheStartingThread() throws Exception {
        InheritableThreadLocal<String> binding = new InheritableThreadLocal<>();
        binding.set("entrypoint-1");
        List<String> seen = new ArrayList<>();
        StreamServer server = start(10, Duration.ZERO, connection -> {
            seen.add(binding.get());
            connection.write("ok\n".getBytes(StandardCharsets.UTF_8));
        });
        binding.remove();
        try (Peer peer = new Peer(server.localAddress())) {
            assertEquals("ok\n", new String(peer.receiveAll(), StandardCharsets.UTF_8));
        }
        server.stop();
        assertEquals(List.of("entrypoint-1"), seen, "the entrypoint binding must reach the handler thread");
    }

    @Test
    void anAddressInUseFailsTheStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerSettings settings = new ServerSettings(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()),
                    16, 1, Duration.ZERO, Map.of(), LIMIT);
            StreamServer server = new StreamServer("busy", settings, c -> { });
            assertThrows(java.net.BindException.class, server::start);
        }
    }

    @Test
    void anUnresolvableHostFailsTheStart() {
        ServerSettings settings = new ServerSettings(InetSocketAddress.createUnresolved("no.such.host.invalid", 0),
                16, 1, Duration.ZERO, Map.of(), LIMIT);
        assertThrows(java.net.UnknownHostException.class, new StreamServer("nowhere", settings, c -> { })::start);
    }

    @Test
    void anUnsupportedSocketOptionFailsTheStart() {
        ServerSettings settings = new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                16, 1, Duration.ZERO, Map.of(StandardSocketOptions.IP_MULTICAST_TTL, 1), LIMIT);
        StreamServer server = new StreamServer("odd", settings, c -> { });
        assertThrows(IllegalArgumentException.class, server::start);
    }

    /** The handler's end is signalled just before the server forgets the connection: wait for the latter. */
    private static void awaitConnections(StreamServer server, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.connections() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + server.connections() + " connections, expected " + expected);
            }
            Thread.yield();
        }
    }

    private void assertNoHandlerThreadLeft() throws InterruptedException {
        for (Thread thread : handlerThreads) {
            assertFalse(thread.isAlive(), "handler thread " + thread + " is still alive after stop");
        }
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    /** Refused, never connected, or closed unanswered: anything but served. */
    private static void assertNotServed(InetSocketAddress address) throws IOException {
        try (java.net.Socket late = new java.net.Socket()) {
            try {
                late.connect(address, 5_000);
            } catch (ConnectException | java.net.SocketTimeoutException notConnected) {
                return;
            } catch (java.net.SocketException droppedWhileClosing) {
                return;
            }
            late.setSoTimeout(10_000);
            try {
                late.getOutputStream().write("anyone?\n".getBytes(StandardCharsets.UTF_8));
                assertEquals(-1, late.getInputStream().read(),
                        "a connection made during the stop must not be served");
            } catch (java.net.SocketTimeoutException served) {
                throw new AssertionError("a connection made during the stop was accepted and kept open", served);
            } catch (java.net.SocketException reset) {
                // Closed by the listener's close: not served.
            }
        }
    }

    private static void awaitNotListening(StreamServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.listening()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the listener was still open 10 s into the stop");
            }
            Thread.yield();
        }
    }
}
