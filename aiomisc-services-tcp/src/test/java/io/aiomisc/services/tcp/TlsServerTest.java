package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.EntrypointException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TlsServerTest {
    @TempDir
    static Path keys;
    static TestKeys.Identity server;
    static TestKeys.Identity client;
    static TestKeys.Identity rogue;

    @BeforeAll
    static void makeKeys() throws Exception {
        server = TestKeys.make(keys, "server");
        client = TestKeys.make(keys, "client");
        // Named like the trusted client, so that the JDK sends it where the server asks for CN=client's issuer.
        rogue = TestKeys.make(keys, "rogue", "client");
    }

    /** Echoes lines and records the peer certificate's subject of each connection it served. */
    static final class TlsEcho extends TlsServer {
        final List<String> served = new CopyOnWriteArrayList<>();

        TlsEcho(TlsConfig tls) {
            super("127.0.0.1", 0, tls, Options.defaults().withGracePeriod(Duration.ZERO));
        }

        @Override
        protected void handleClient(TcpConnection connection) throws IOException {
            served.add(connection.remoteAddress().toString());
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static Entrypoint.Builder entrypoint(Object... services) {
        Entrypoint.Builder builder = Entrypoint.builder().logConfig(false).catchSignals(false);
        for (Object service : services) {
            builder.services((io.aiomisc.Service) service);
        }
        return builder;
    }

    static TlsConfig serverPem() {
        return TlsConfig.builder().certificate(server.certificate(), server.key()).build();
    }

    static TlsConfig serverRequiringClients() {
        return TlsConfig.builder().pkcs12(server.pkcs12(), TestKeys.PASSWORD).trust(client.certificate())
                .clientAuth(TlsConfig.ClientAuth.REQUIRED).build();
    }

    static TlsConfig clientTrustingServer() {
        return TlsConfig.builder().trust(server.certificate()).build();
    }

    /** A JDK TLS socket built from a client config, with a 10 s read timeout. */
    static SSLSocket connect(TlsConfig config, InetSocketAddress address) throws Exception {
        SSLContext context = config.newSslContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(address, 10_000);
        socket.setSoTimeout(10_000);
        socket.setSSLParameters(config.clientParameters(context, "localhost"));
        return socket;
    }

    static String echo(SSLSocket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readNBytes(line.length() + 1);
        return new String(answer, StandardCharsets.UTF_8).strip();
    }

    @Test
    void aClientTrustingTheServerGetsItsPayloadEchoedOverTls() throws Exception {
        TlsEcho echo = new TlsEcho(serverPem());
        try (Entrypoint ignored = entrypoint(echo).start();
             SSLSocket socket = connect(clientTrustingServer(), echo.localAddress())) {
            assertEquals("hello over tls", echo(socket, "hello over tls"), "the TLS server must echo the line");
            String protocol = socket.getSession().getProtocol();
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(protocol), "negotiated " + protocol);
            assertEquals(0, echo.statistics().tlsHandshakeFailures(), "a completed handshake is not a failure");
        }
    }

    @Test
    void aClientWithATrustedCertificateIsServedWhenTheServerRequiresOne() throws Exception {
        TlsEcho echo = new TlsEcho(serverRequiringClients());
        TlsConfig withCertificate = TlsConfig.builder().certificate(client.certificate(), client.key())
                .trust(server.certificate()).build();
        try (Entrypoint ignored = entrypoint(echo).start();
             SSLSocket socket = connect(withCertificate, echo.localAddress())) {
            assertEquals("mutual", echo(socket, "mutual"), "a client with a trusted certificate must be served");
            assertEquals("CN=server", socket.getSession().getPeerPrincipal().getName());
        }
    }

    @Test
    void clientsWithAnUntrustedCertificateOrNoneAreRefusedAndTheServerGoesOn() throws Exception {
        TlsEcho echo = new TlsEcho(serverRequiringClients());
        TlsConfig untrusted = TlsConfig.builder().certificate(rogue.certificate(), rogue.key())
                .trust(server.certificate()).build();
        TlsConfig withCertificate = TlsConfig.builder().certificate(client.certificate(), client.key())
                .trust(server.certificate()).build();
        try (Entrypoint ignored = entrypoint(echo).start()) {
            for (TlsConfig refused : List.of(untrusted, clientTrustingServer())) {
                try (SSLSocket socket = connect(refused, echo.localAddress())) {
                    // With TLS 1.3 the client learns of the refusal on its first read, not in the handshake.
                    assertThrows(IOException.class, () -> {
                        String answer = echo(socket, "let me in");
                        if (answer.isEmpty()) {
                            throw new SSLException("closed");
                        }
                    }, "a client without a trusted certificate must not be served");
                }
            }
            try (SSLSocket socket = connect(withCertificate, echo.localAddress())) {
                assertEquals("still serving", echo(socket, "still serving"),
                        "refused handshakes must not harm the server");
            }
            assertEquals(1, echo.served.size(), "the handler must only see the trusted client, saw " + echo.served);
            TcpServerStatistics statistics = echo.statistics();
            assertEquals(2, statistics.tlsHandshakeFailures(), "both refused handshakes must be counted");
            assertEquals(0, statistics.handlerFailures(), "a refused handshake is not a handler failure");
            assertEquals(3, statistics.connectionsAccepted());
        }
    }

    @Test
    void plainTcpSentToTheTlsPortIsDroppedWithoutHarmingTheServer() throws Exception {
        TlsEcho echo = new TlsEcho(serverPem());
        try (Entrypoint ignored = entrypoint(echo).start()) {
            try (Socket plain = new Socket()) {
                plain.connect(echo.localAddress(), 10_000);
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer;
                try {
                    answer = plain.getInputStream().readAllBytes();
                } catch (SocketException reset) {
                    answer = new byte[0];
                }
                assertTrue(answer.length == 0 || answer[0] == 0x15,
                        "plain text must get nothing or a TLS alert back, got " + answer.length + " bytes");
            }
            try (SSLSocket socket = connect(clientTrustingServer(), echo.localAddress())) {
                assertEquals("after plain", echo(socket, "after plain"), "the server must still serve TLS");
            }
            assertEquals(1, echo.served.size(), "the plain connection must never reach the handler");
            assertEquals(1, echo.statistics().tlsHandshakeFailures(), "the plain connection's failed handshake");
        }
    }

    @Test
    void aTlsClientWhoseHandshakeTimesOutFailsTheStartWithoutRetrying() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TlsClient tlsClient = new TlsClient(silent.getInetAddress().getHostAddress(), silent.getLocalPort(), clientTrustingServer(),
                    TcpClient.Options.defaults().withConnectAttempts(3, Duration.ofMillis(10))
                            .withConnectTimeout(Duration.ofMillis(200))) {
                @Override
                protected void handleConnection(TcpConnection connection) {
                }
            };
            EntrypointException failure = assertThrows(EntrypointException.class,
                    () -> entrypoint(tlsClient).start(), "a handshake that times out must fail the start");
            // Every connect the client made is already queued: draining the queue counts them all.
            silent.setSoTimeout(500);
            List<Socket> accepted = new ArrayList<>();
            try {
                while (accepted.size() < 10) {
                    accepted.add(silent.accept());
                }
            } catch (SocketTimeoutException drained) {
                // No more queued connections.
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
            assertEquals(1, accepted.size(), "a failed handshake must not be retried, as docs/tcp.md says");
            assertInstanceOf(SSLHandshakeException.class, failure.getCause(),
                    "the cause must say the handshake failed: " + failure.getCause());
        }
    }

    @Test
    void aTlsClientServiceTalksToATlsServer() throws Exception {
        TlsEcho echo = new TlsEcho(serverPem());
        try (Entrypoint ignored = entrypoint(echo).start()) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            TlsClient tlsClient = new TlsClient("localhost", echo.localAddress().getPort(), clientTrustingServer()) {
                @Override
                protected void handleConnection(TcpConnection connection) throws IOException {
                    connection.write("from TlsClient\n".getBytes(StandardCharsets.UTF_8));
                    answer.complete(connection.readLine());
                }
            };
            try (Entrypoint clients = entrypoint(tlsClient).start()) {
                assertEquals("from TlsClient", answer.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aTlsClientThatDoesNotTrustTheServerFailsItsStart() throws Exception {
        TlsEcho echo = new TlsEcho(serverPem());
        try (Entrypoint ignored = entrypoint(echo).start()) {
            TlsClient distrustful = new TlsClient("localhost", echo.localAddress().getPort(),
                    TlsConfig.builder().trust(rogue.certificate()).build()) {
                @Override
                protected void handleConnection(TcpConnection connection) {
                }
            };
            Exception failure = assertThrows(Exception.class, () -> entrypoint(distrustful).start());
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(failure.toString().contains("SSL") || root instanceof java.security.GeneralSecurityException
                            || root.toString().contains("SSL"),
                    "the start must fail with the handshake error, was " + failure);
        }
    }

    @Test
    void stopClosesAnIdleTlsConnection() throws Exception {
        TlsEcho echo = new TlsEcho(serverPem());
        Entrypoint entrypoint = entrypoint(echo).start();
        try (SSLSocket socket = connect(clientTrustingServer(), echo.localAddress())) {
            assertEquals("idle next", echo(socket, "idle next"));
            entrypoint.stop();
            assertEquals(0, echo.connections(), "the stop must close the idle TLS connection");
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException closed) {
                read = -1;
            }
            assertEquals(-1, read, "the client must see its connection end");
        }
    }

    @Test
    void configsAreValidatedWhenBuilt() {
        assertThrows(IllegalStateException.class,
                () -> TlsConfig.builder().clientAuth(TlsConfig.ClientAuth.REQUIRED).build(),
                "client authentication without a CA to check against must be refused");
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.builder().protocols("TLSv1.1"));
        assertEquals("protocols must be some of [TLSv1.3, TLSv1.2], was [TLSv1.1]", old.getMessage());
        assertThrows(IllegalStateException.class, () -> TlsConfig.builder()
                .certificate(server.certificate(), server.key()).pkcs12(server.pkcs12(), TestKeys.PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> new TlsEcho(clientTrustingServer()),
                "a server without a certificate must be refused at construction");
    }
}
