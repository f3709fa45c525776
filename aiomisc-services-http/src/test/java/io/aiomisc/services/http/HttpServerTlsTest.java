package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.services.tcp.TlsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS: the {@code tls(TlsConfig)} option of the builder, with key material made at test time. */
@AiomiscTest
@Timeout(60)
class HttpServerTlsTest {
    @TempDir
    static Path keys;
    private static TestKeys.Identity server;
    private static TestKeys.Identity client;

    private final AtomicInteger handled = new AtomicInteger();

    @BeforeAll
    static void makeKeys() throws Exception {
        server = TestKeys.make(keys, "server");
        client = TestKeys.make(keys, "client");
    }

    private HttpServer https(TlsConfig tls) {
        return HttpServer.builder()
                .address("127.0.0.1", 0)
                .tls(tls)
                .get("/hello", request -> {
                    handled.incrementAndGet();
                    return HttpResponse.ok("hello over tls\n");
                })
                .build();
    }

    private static TlsConfig serverPem() {
        return TlsConfig.builder().certificate(server.certificate(), server.key()).build();
    }

    private static TlsConfig clientTrustingServer() {
        return TlsConfig.builder().trust(server.certificate()).build();
    }

    /** A JDK TLS socket from a client config; the handshake happens on first use. */
    private static SSLSocket connect(TlsConfig config, InetSocketAddress address) throws Exception {
        SSLContext context = config.newSslContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(address, 10_000);
        socket.setSSLParameters(config.clientParameters(context, "localhost"));
        return socket;
    }

    private static RawHttp.Response httpsGet(TlsConfig config, InetSocketAddress address) throws Exception {
        try (RawHttp http = new RawHttp(connect(config, address))) {
            return http.get("/hello");
        }
    }

    @Test
    void anHttpsGetIsAnsweredWithStatus200AndTheBody(Entrypoint entrypoint) throws Exception {
        HttpServer https = https(serverPem());
        entrypoint.startServices(https);
        try (SSLSocket socket = connect(clientTrustingServer(), https.localAddress());
             RawHttp http = new RawHttp(socket)) {
            RawHttp.Response response = http.get("/hello");
            assertEquals(200, response.status(), "an HTTPS GET must be served, got " + response.statusLine());
            assertEquals("hello over tls\n", response.text(), "the body must arrive decrypted and whole");
            String protocol = socket.getSession().getProtocol();
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(protocol), "negotiated " + protocol);
        }
    }

    @Test
    void twoRequestsAreServedOnOneKeptAliveTlsConnection(Entrypoint entrypoint) throws Exception {
        HttpServer https = https(serverPem());
        entrypoint.startServices(https);
        try (RawHttp http = new RawHttp(connect(clientTrustingServer(), https.localAddress()))) {
            RawHttp.Response first = http.get("/hello");
            assertEquals(200, first.status(), "the first request must be served");
            assertNull(first.header("Connection"), "the server must keep the TLS connection open");
            RawHttp.Response second = http.get("/hello");
            assertEquals(200, second.status(), "the second request on the same TLS connection must be served");
            assertEquals("hello over tls\n", second.text());
            assertEquals(1, https.connections(), "both requests must have used one connection");
            assertEquals(2, handled.get(), "the handler must have run once per request");
        }
    }

    @Test
    void plainHttpOnTheTlsPortNeverReachesAHandlerAndTlsIsStillServed(Entrypoint entrypoint) throws Exception {
        HttpServer https = https(serverPem());
        entrypoint.startServices(https);
        String answer;
        try (Socket plain = new Socket(https.localAddress().getAddress(), https.localAddress().getPort())) {
            plain.setSoTimeout(20_000);
            plain.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            answer = readUntilClosed(plain.getInputStream());
        }
        assertFalse(answer.contains("HTTP/1.1"), "plain HTTP must get no HTTP answer from a TLS port: " + answer);
        assertEquals(0, handled.get(), "plain HTTP bytes must not reach a handler");

        RawHttp.Response response = httpsGet(clientTrustingServer(), https.localAddress());
        assertEquals(200, response.status(), "the server must keep serving TLS after a plain HTTP client");
        assertEquals(1, handled.get());
        HttpServerStatistics statistics = https.statistics();
        assertEquals(1, statistics.tlsHandshakeFailures(), "plain HTTP on the TLS port is a failed handshake");
        assertEquals(0, statistics.protocolErrors(), "no HTTP request was read from the plain client");
        assertEquals(1, statistics.requests());
    }

    @Test
    void aClientWithoutACertificateIsRefusedWhenClientAuthIsRequired(Entrypoint entrypoint) throws Exception {
        TlsConfig requiring = TlsConfig.builder().certificate(server.certificate(), server.key())
                .trust(client.certificate()).clientAuth(TlsConfig.ClientAuth.REQUIRED).build();
        TlsConfig withCertificate = TlsConfig.builder().certificate(client.certificate(), client.key())
                .trust(server.certificate()).build();
        HttpServer https = https(requiring);
        entrypoint.startServices(https);
        // With TLS 1.3 the client may learn of the refusal only on its first read, not in the handshake.
        assertThrows(IOException.class, () -> {
            RawHttp.Response response = httpsGet(clientTrustingServer(), https.localAddress());
            if (response == null) {
                throw new IOException("closed without an answer");
            }
        }, "a client without a certificate must not be served when one is required");
        assertEquals(0, handled.get(), "a refused client must not reach the handler");

        RawHttp.Response response = httpsGet(withCertificate, https.localAddress());
        assertEquals(200, response.status(), "a client with a trusted certificate must be served");
        assertEquals(1, handled.get());
        assertEquals(1, https.statistics().tlsHandshakeFailures(), "the refused client's handshake is counted");
    }

    @Test
    void aMissingKeyFileFailsTheStartNotTheBuild(Entrypoint entrypoint) {
        TlsConfig missing = TlsConfig.builder()
                .certificate(server.certificate(), keys.resolve("no-such.key")).build();
        HttpServer https = https(missing);
        Exception failure = assertThrows(Exception.class, () -> entrypoint.startServices(https),
                "a server whose key file is missing must not start");
        assertTrue(failure.toString().contains("no-such.key") || causes(failure).contains("no-such.key"),
                "the start failure must name the missing file: " + failure);
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void theBuilderRejectsANullTlsASecondTlsAndOneWithoutAKey() {
        NullPointerException nullTls = assertThrows(NullPointerException.class,
                () -> HttpServer.builder().tls(null));
        assertEquals("tls", nullTls.getMessage());
        HttpServer.Builder builder = HttpServer.builder().tls(serverPem());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> builder.tls(serverPem()));
        assertTrue(twice.getMessage().startsWith("tls is already set"), twice.getMessage());
        IllegalArgumentException keyless = assertThrows(IllegalArgumentException.class,
                () -> HttpServer.builder().tls(clientTrustingServer()));
        assertTrue(keyless.getMessage().startsWith("tls must have a certificate and key"), keyless.getMessage());
    }

    /** Reads what the server sends until it closes the connection (or resets it). */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the server gave up on the bytes is a close too.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
