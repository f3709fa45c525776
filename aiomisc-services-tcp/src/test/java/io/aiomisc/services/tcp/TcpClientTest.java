package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.EntrypointException;
import io.aiomisc.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpClientTest {
    static Entrypoint.Builder entrypoint(Service... services) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(services);
    }

    /** Accepts connections, counts them down, and closes each one at once. */
    static final class Hangup extends TcpServer {
        final CountDownLatch accepted;
        final AtomicInteger count = new AtomicInteger();

        Hangup(int expected) {
            super("127.0.0.1", 0);
            accepted = new CountDownLatch(expected);
        }

        @Override
        protected void handleClient(TcpConnection connection) {
            count.incrementAndGet();
            accepted.countDown();
        }
    }

    static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aClientExchangesDataWithTheServerItConnectedToOnStart() throws Exception {
        TcpServerTest.LineEcho echo = new TcpServerTest.LineEcho(TcpServer.Options.defaults());
        CompletableFuture<String> answer = new CompletableFuture<>();
        try (Entrypoint servers = entrypoint(echo).start()) {
            TcpClient client = new TcpClient("127.0.0.1", echo.localAddress().getPort()) {
                @Override
                protected void handleConnection(TcpConnection connection) throws IOException {
                    connection.write("ping\n".getBytes(StandardCharsets.UTF_8));
                    answer.complete(connection.readLine());
                }
            };
            try (Entrypoint clients = entrypoint(client).start()) {
                assertEquals("ping", answer.get(10, TimeUnit.SECONDS), "the client must get its echo");
                assertEquals(Service.State.RUNNING, client.state(), "a client whose handler ended stays RUNNING");
            }
        }
    }

    @Test
    void aRefusedConnectIsRetriedConnectAttemptsTimesThenTheStartFails() throws Exception {
        int port = refusedPort();
        TcpClient client = new TcpClient("127.0.0.1", port, TcpClient.Options.defaults()
                .withConnectAttempts(3, Duration.ofMillis(10))) {
            @Override
            protected void handleConnection(TcpConnection connection) {
            }
        };
        EntrypointException failure = assertThrows(EntrypointException.class, () -> entrypoint(client).start(),
                "a client that cannot connect must fail the entrypoint's start, as aiomisc's does");
        assertInstanceOf(ConnectException.class, failure.getCause(), "the last connect error is the cause");
        assertEquals(Service.State.FAILED, client.state());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException attempts = assertThrows(IllegalArgumentException.class,
                () -> TcpClient.Options.defaults().withConnectAttempts(0, Duration.ZERO));
        assertEquals("connectAttempts must be >= 1, was 0", attempts.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> new TcpClient("127.0.0.1", 0) {
                    @Override
                    protected void handleConnection(TcpConnection connection) {
                    }
                });
        assertEquals("port must be in 1..65535, was 0", port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reconnecting(1, Duration.ZERO),
                "a zero reconnect timeout must be refused");
    }

    /** Reads until the server closes the connection, then returns (and the client reconnects). */
    static class Reconnecting extends RobustTcpClient {
        final AtomicInteger handled = new AtomicInteger();
        final CountDownLatch fourConnections = new CountDownLatch(4);

        Reconnecting(int port, Duration reconnectTimeout) {
            super("127.0.0.1", port, reconnectTimeout);
        }

        @Override
        protected void handleConnection(TcpConnection connection) throws IOException {
            handled.incrementAndGet();
            fourConnections.countDown();
            while (connection.read(1024).length > 0) {
                // Drains until the server hangs up.
            }
        }
    }

    @Test
    void aRobustClientReconnectsEachTimeTheServerClosesItsConnection() throws Exception {
        Hangup server = new Hangup(1);
        try (Entrypoint servers = entrypoint(server).start()) {
            Reconnecting client = new Reconnecting(server.localAddress().getPort(), Duration.ofMillis(200));
            try (Entrypoint clients = entrypoint(client).start()) {
                assertTrue(client.connects() >= 1, "start must return only after the first connection");
                assertTrue(client.fourConnections.await(20, TimeUnit.SECONDS),
                        "the client must reconnect at least 3 times after being dropped; connections: "
                                + client.handled.get());
                assertTrue(client.connects() >= 4, "connects() must count every connection, was "
                        + client.connects());
            }
        }
    }

    @Test
    void stoppingARobustClientCancelsItsReconnecting() throws Exception {
        Hangup server = new Hangup(1);
        Entrypoint servers = entrypoint(server).start();
        int port = server.localAddress().getPort();
        Reconnecting client = new Reconnecting(port, Duration.ofSeconds(30));
        Entrypoint clients = entrypoint(client).start();
        assertTrue(server.accepted.await(10, TimeUnit.SECONDS));
        servers.stop();
        clients.stop();
        assertEquals(Service.State.STOPPED, client.state(),
                "a client waiting to reconnect (up to 30 s) must stop at once, without error");
        long connects = client.connects();
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            again.setSoTimeout(300);
            assertThrows(java.net.SocketTimeoutException.class, again::accept,
                    "a stopped client must not connect again");
        }
        assertEquals(connects, client.connects());
    }

    @Test
    void aRobustTlsClientReconnectsOverTls(@TempDir Path keys) throws Exception {
        TestKeys.Identity identity = TestKeys.make(keys, "server");
        CountDownLatch accepted = new CountDownLatch(3);
        TlsServer server = new TlsServer("127.0.0.1", 0,
                TlsConfig.builder().certificate(identity.certificate(), identity.key()).build()) {
            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                connection.write("bye\n".getBytes(StandardCharsets.UTF_8));
                accepted.countDown();
            }
        };
        AtomicInteger greetings = new AtomicInteger();
        try (Entrypoint servers = entrypoint(server).start()) {
            RobustTlsClient client = new RobustTlsClient("localhost", server.localAddress().getPort(),
                    Duration.ofMillis(200), TlsConfig.builder().trust(identity.certificate()).build()) {
                @Override
                protected void handleConnection(TcpConnection connection) throws IOException {
                    if ("bye".equals(connection.readLine())) {
                        greetings.incrementAndGet();
                    }
                }
            };
            try (Entrypoint clients = entrypoint(client).start()) {
                assertTrue(accepted.await(20, TimeUnit.SECONDS), "the TLS client must reconnect");
            }
            assertTrue(greetings.get() >= 2, "each TLS connection must carry data, got " + greetings.get());
        }
    }
}
