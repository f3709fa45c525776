package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.aiomisc.services.tcp.Clients.assertEchoes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpProxyTest {
    private TcpServerTest.LineEcho echo;
    private TcpProxy proxy;
    private Entrypoint entrypoint;

    @BeforeEach
    void startEchoBehindProxy() throws Exception {
        echo = new TcpServerTest.LineEcho(TcpServer.Options.defaults().withGracePeriod(Duration.ZERO));
        Entrypoint servers = TcpClientTest.entrypoint(echo).start();
        proxy = new TcpProxy("127.0.0.1", echo.localAddress().getPort());
        entrypoint = servers;
        entrypoint.startServices(proxy);
    }

    @AfterEach
    void stop() {
        entrypoint.stop();
    }

    @Test
    void itForwardsBothWaysAndCountsTheBytesOfEachDirection() throws Exception {
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            assertEchoes(client, "through the proxy");
        }
        assertEquals(18, proxy.bytes(TcpProxy.Direction.CLIENT_TO_SERVER), "client-to-server bytes");
        assertEquals(18, proxy.bytes(TcpProxy.Direction.SERVER_TO_CLIENT), "server-to-client bytes");
    }

    @Test
    void aRobustClientReconnectsAfterDisconnectAll() throws Exception {
        CountDownLatch handled = new CountDownLatch(2);
        CountDownLatch first = new CountDownLatch(1);
        RobustTcpClient client = new RobustTcpClient("127.0.0.1", proxy.localAddress().getPort(),
                Duration.ofMillis(200)) {
            @Override
            protected void handleConnection(TcpConnection connection) throws IOException {
                connection.write("hi\n".getBytes(StandardCharsets.UTF_8));
                if ("hi".equals(connection.readLine())) {
                    handled.countDown();
                    first.countDown();
                }
                while (connection.readLine() != null) {
                    // Waits for the proxy to cut the connection.
                }
            }
        };
        entrypoint.startServices(client);
        assertTrue(first.await(10, TimeUnit.SECONDS), "the client must talk through the proxy");
        proxy.disconnectAll();
        assertTrue(handled.await(10, TimeUnit.SECONDS),
                "after disconnectAll the robust client must reconnect and talk again");
        assertTrue(client.connects() >= 2, "connects: " + client.connects());
    }

    @Test
    void aSlowedProxyAddsAtLeastTheConfiguredDelay() throws Exception {
        Duration delay = Duration.ofMillis(300);
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            assertEchoes(client, "warm up");
            try (AutoCloseable slow = proxy.slowdown(delay, Duration.ZERO)) {
                long started = System.nanoTime();
                assertEchoes(client, "slow");
                long elapsed = System.nanoTime() - started;
                assertTrue(elapsed >= delay.toNanos(), "a round trip through a proxy delaying by " + delay
                        + " took only " + Duration.ofNanos(elapsed));
            }
            assertEquals(Duration.ZERO, proxy.delay(TcpProxy.Direction.CLIENT_TO_SERVER),
                    "closing the slowdown restores the earlier delay");
        }
    }

    @Test
    void changingTheDelayWakesAChunkThatIsAlreadyWaiting() throws Exception {
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            proxy.setDelay(Duration.ofMinutes(10), Duration.ZERO);
            client.send("stuck\n");
            proxy.setDelay(Duration.ZERO, Duration.ZERO);
            assertEquals("stuck\n", client.receiveLike("stuck\n"),
                    "a chunk waiting out a 10 min delay must go as soon as the delay is lifted");
        }
    }

    @Test
    void contentProcessorsRewriteChunksUntilRemoved() throws Exception {
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            proxy.setContentProcessors(
                    chunk -> new String(chunk, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
                            .getBytes(StandardCharsets.UTF_8),
                    chunk -> new String(chunk, StandardCharsets.UTF_8).replace('O', '0')
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals("L0UD\n", client.send("loud\n").receiveLike("L0UD\n"),
                    "each direction's processor must rewrite its chunks");
            proxy.setContentProcessors(null, null);
            assertEchoes(client, "quiet");
        }
    }

    @Test
    void aBandwidthLimitSlowsTransfersDown() throws Exception {
        proxy.setBandwidthLimit(10_000);
        String line = "x".repeat(4_999) + "\n";
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            long started = System.nanoTime();
            assertEquals(line, client.send(line).receiveLike(line));
            long elapsed = System.nanoTime() - started;
            assertTrue(elapsed >= Duration.ofMillis(400).toNanos(),
                    "5000 bytes at 10000 B/s must take at least ~0.5 s, took " + Duration.ofNanos(elapsed));
        }
    }

    @Test
    void loweringTheLimitAfterBusyTrafficNeitherStallsTheNextBytesNorOutlastsItsRemoval() throws Exception {
        proxy.setBandwidthLimit(1_000_000);
        String line = "x".repeat(49_999) + "\n";
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            assertEquals(line, client.send(line).receiveLike(line));
            assertEquals(line, client.send(line).receiveLike(line));
            CountDownLatch sawA = new CountDownLatch(1);
            proxy.setContentProcessors(chunk -> {
                if (new String(chunk, StandardCharsets.UTF_8).contains("a")) {
                    sawA.countDown();
                }
                return chunk;
            }, null);
            proxy.setBandwidthLimit(100);
            client.send("a");
            assertTrue(sawA.await(10, TimeUnit.SECONDS), "the proxy must read the first byte");
            // The next chunk is read at the lowered limit: 100 KB passed at 1 MB/s must not be charged at 100 B/s.
            client.send("b\n");
            proxy.setBandwidthLimit(0);
            assertEquals("ab\n", client.receiveLike("ab\n"),
                    "after the limit was lowered and then removed, the next bytes must pass promptly");
        }
    }

    @Test
    void removingTheLimitReleasesAChunkThatIsBeingPaced() throws Exception {
        CountDownLatch paced = new CountDownLatch(1);
        String big = "y".repeat(999) + "\n";
        try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
            proxy.setContentProcessors(chunk -> {
                // 1000 bytes at 1 B/s: the chunk would wait about 17 minutes.
                proxy.setBandwidthLimit(1);
                paced.countDown();
                return big.getBytes(StandardCharsets.UTF_8);
            }, null);
            client.send("go\n");
            assertTrue(paced.await(10, TimeUnit.SECONDS), "the proxy must read the chunk");
            proxy.setBandwidthLimit(0);
            assertEquals(big, client.receiveLike(big),
                    "a chunk waiting out a 1 B/s limit must go as soon as the limit is removed");
        }
    }

    @Test
    void aRefusingProxyResetsNewConnectionsButKeepsOpenOnes() throws Exception {
        try (Clients.Client open = new Clients.Client(proxy.localAddress())) {
            assertEchoes(open, "before");
            proxy.setRefusing(true);
            assertEquals("", refusedAnswer(), "a refused client must get nothing back");
            assertEchoes(open, "open connections go on");
            proxy.setRefusing(false);
            try (Clients.Client again = new Clients.Client(proxy.localAddress())) {
                assertEchoes(again, "accepted again");
            }
        }
    }

    /** Connects, sends a line and reads to the end; a reset at any step counts as nothing received. */
    private String refusedAnswer() throws IOException {
        try (Clients.Client refused = new Clients.Client(proxy.localAddress())) {
            return refused.send("hello?\n").receiveAll();
        } catch (SocketException reset) {
            return "";
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> proxy.setDelay(Duration.ofMillis(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> proxy.setBandwidthLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> new TcpProxy("127.0.0.1", 0));
    }
}
