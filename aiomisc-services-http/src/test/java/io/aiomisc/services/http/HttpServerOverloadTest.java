package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server at {@code maxConnections} answers the connections beyond it with 503, so clients can tell overload from
 * a crash. One connection is held open (admitted) and the next one is the extra client.
 */
@Timeout(60)
class HttpServerOverloadTest {
    private static final String HELLO = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n";

    private Entrypoint entrypoint;
    private HttpServer server;

    private void start(HttpServer.Builder builder) {
        server = builder.address("127.0.0.1", 0)
                .get("/hello", request -> HttpResponse.ok("hello"))
                .post("/hello", request -> HttpResponse.ok("hello"))
                .build();
        entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false).services(server).start();
    }

    @AfterEach
    void stop() {
        if (entrypoint != null) {
            entrypoint.close();
        }
    }

    /** A keep-alive connection that has been served once: the server counts it until it closes. */
    private Socket admittedConnection() throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(HELLO.getBytes(StandardCharsets.US_ASCII));
        String response = readResponse(socket.getInputStream());
        assertTrue(response.startsWith("HTTP/1.1 200"), "the first connection must be served, got: " + response);
        return socket;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Reads one response with a Content-Length body (the hello route's), leaving the connection open. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection after: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = Integer.parseInt(text.toLowerCase(Locale.ROOT).split("content-length: ")[1].split("\r\n")[0]);
        return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    @Test
    void aRealClientOverMaxConnectionsGets503WithConnectionCloseAndRetryAfter() throws Exception {
        start(HttpServer.builder().maxConnections(1));
        try (Socket admitted = admittedConnection()) {
            InetSocketAddress address = server.localAddress();
            HttpURLConnection extra = (HttpURLConnection) URI.create("http://127.0.0.1:" + address.getPort() + "/hello")
                    .toURL().openConnection(Proxy.NO_PROXY);
            extra.setConnectTimeout(20_000);
            extra.setReadTimeout(20_000);
            try {
                assertEquals(503, extra.getResponseCode(),
                        "the client over the limit must be told the server is overloaded, not see a dropped connection");
                assertEquals("close", extra.getHeaderField("Connection"), "the 503 must announce the close");
                assertEquals("1", extra.getHeaderField("Retry-After"), "the 503 must say when to try again");
                try (InputStream body = extra.getErrorStream()) {
                    assertEquals("503 Service Unavailable\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            } finally {
                extra.disconnect();
            }

            admitted.getOutputStream().write(HELLO.getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(admitted.getInputStream()).endsWith("hello"),
                    "the admitted connection must go on being served while others are turned away");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n",
            "GET /hello HTTP/1.0\r\n\r\n",
            "POST /hello HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello",
            "POST /hello HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "POST /hello HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n",
            "HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\n",
            "not http at all\r\n\r\n"})
    void theExtraClientReads503ThenTheServerClosesTheConnection(String request) throws Exception {
        start(HttpServer.builder().maxConnections(1));
        try (Socket admitted = admittedConnection(); Socket extra = connect()) {
            extra.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(extra.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketException reset) {
                throw new AssertionError("the server must close the extra connection cleanly after answering, "
                        + "not reset it (a reset can destroy the answer before the client reads it)", reset);
            }
            String lower = answer.toLowerCase(Locale.ROOT);
            assertTrue(answer.startsWith("HTTP/1.") && answer.contains(" 503 Service Unavailable\r\n"),
                    "the extra client must read a 503 before the close, read: " + answer);
            assertTrue(lower.contains("\r\nconnection: close\r\n"), "the 503 must say Connection: close: " + answer);
            assertTrue(lower.contains("\r\nretry-after: 1\r\n"), "the 503 must carry Retry-After: " + answer);
            boolean head = request.startsWith("HEAD");
            assertEquals(head, answer.endsWith("\r\n\r\n"),
                    head ? "a HEAD answer has no body: " + answer : "the 503 has a body: " + answer);
        }
    }

    @Test
    void anExtraClientThatSendsNoRequestIsClosedOnceTheIdleTimeoutPasses() throws Exception {
        start(HttpServer.builder().maxConnections(1).idleTimeout(Duration.ofMillis(200)));
        try (Socket admitted = admittedConnection(); Socket extra = connect()) {
            int first;
            try {
                first = extra.getInputStream().read();
            } catch (SocketException reset) {
                first = -1;
            }
            assertEquals(-1, first, "a connection over the limit that never asks must not be held forever");
        }
    }
}
