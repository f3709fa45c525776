package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import io.aiomisc.junit.AiomiscTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits and bad input, each sent as raw bytes. */
@AiomiscTest
@Timeout(30)
class HttpServerLimitsTest {
    private Entrypoint entrypoint;
    private HttpServer server;

    @BeforeEach
    void rememberTheEntrypoint(Entrypoint running) {
        entrypoint = running;
    }

    /** Adds {@code /hello} and {@code /echo} and starts the server in the test's entrypoint, which stops it. */
    private void start(HttpServer.Builder builder) {
        server = builder.address("127.0.0.1", 0)
                .get("/hello", request -> HttpResponse.ok("hello"))
                .post("/echo", request -> HttpResponse.ok(request.bodyAsString()))
                .build();
        entrypoint.startServices(server);
    }

    /** A handler that waits until it is interrupted, counting the interruption down on {@code interrupted}. */
    private static HttpHandler sleepsUntilInterrupted(CountDownLatch interrupted) {
        return request -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return HttpResponse.ok("never");
        };
    }

    @Test
    void answersATooLongRequestLineWith414AndCloses() throws Exception {
        start(HttpServer.builder().maxInitialLineLength(100));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.get("/hello?" + "x".repeat(200));
            assertEquals(414, response.status());
            assertTrue(client.isClosedByServer(), "the connection closes after 414");
        }
    }

    @Test
    void answersTooLargeHeadersWith431AndCloses() throws Exception {
        start(HttpServer.builder().maxHeaderSize(512));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + "y".repeat(1000)
                    + "\r\n\r\n").read();
            assertEquals(431, response.status());
            assertTrue(client.isClosedByServer(), "the connection closes after 431");
        }
    }

    @Test
    void answersAnOversizeContentLengthWith413BeforeTheBodyIsSent() throws Exception {
        start(HttpServer.builder().maxContentLength(10));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            // Only the head is sent: the 413 must come without waiting for the 1 MB the client announced.
            RawHttp.Response response = client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n")
                    .read();
            assertEquals(413, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.isClosedByServer(), "the connection closes after 413");
        }
    }

    @Test
    void answersAnOversizeChunkedBodyWith413() throws Exception {
        start(HttpServer.builder().maxContentLength(10));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n").read();
            assertEquals(413, response.status());
            assertTrue(client.isClosedByServer(), "the connection closes after 413");
        }
    }

    @Test
    void acceptsABodyAtTheLimit() throws Exception {
        start(HttpServer.builder().maxContentLength(10));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n"
                    + "0123456789").read();
            assertEquals(200, response.status());
            assertEquals("0123456789", response.text());
        }
    }

    @Test
    void answersAMalformedRequestLineWith400AndCloses() throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.send("THIS IS NOT HTTP\r\n\r\n").read();
            assertEquals(400, response.status());
            assertTrue(client.isClosedByServer(), "the connection closes after 400");
        }
    }

    @Test
    void answersAMalformedHeaderWith400AndCloses() throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.send("GET /hello HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n").read();
            assertEquals(400, response.status());
            assertTrue(client.isClosedByServer(), "the connection closes after 400");
        }
    }

    @Test
    void answersAnUnknownExpectationWith417() throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: tea\r\n"
                    + "Content-Length: 1\r\n\r\nx").read();
            assertEquals(417, response.status());
        }
    }

    @Test
    void closesAnIdleKeepAliveConnection() throws Exception {
        start(HttpServer.builder().idleTimeout(Duration.ofMillis(200)));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals("hello", client.get("/hello").text());
            assertTrue(client.isClosedByServer(), "an idle connection is closed after the idle timeout");
        }
    }

    @Test
    void closesAConnectionThatStallsInTheMiddleOfARequest() throws Exception {
        start(HttpServer.builder().idleTimeout(Duration.ofMillis(200)));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n");
            assertTrue(client.isClosedByServer(), "a half-sent request does not hold a connection forever");
        }
    }

    @Test
    void answers503WhenAHandlerOverrunsTheRequestTimeoutAndInterruptsIt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        start(HttpServer.builder().requestTimeout(Duration.ofMillis(200))
                .get("/sleep", sleepsUntilInterrupted(interrupted)));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response response = client.get("/sleep");
            assertEquals(503, response.status());
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the overrunning handler is interrupted");
            assertEquals("hello", client.get("/hello").text(), "the connection stays usable after a 503");
        }
    }

    @Test
    void everyOverrunningRequestOfAKeptAliveConnectionGets503AlsoWhenPipelined() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(3);
        start(HttpServer.builder().requestTimeout(Duration.ofMillis(200))
                .get("/sleep", sleepsUntilInterrupted(interrupted)));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals("hello", client.get("/hello").text(), "a request in time is answered");
            assertEquals(503, client.get("/sleep").status(), "a later request on the connection still times out");
            client.send("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\nGET /sleep HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(503, client.read().status(), "the first pipelined overrun gets its 503");
            assertEquals(503, client.read().status(), "the second pipelined overrun gets its 503");
            assertEquals("hello", client.read().text(), "the request after them is answered in order");
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "every overrunning handler is interrupted");
        }
    }

    /** A response whose body sends one byte, then waits until it is interrupted. */
    private static HttpResponse trickle() {
        return HttpResponse.ok("").body(new InputStream() {
            private boolean first = true;

            @Override
            public int read() throws IOException {
                if (first) {
                    first = false;
                    return 'x';
                }
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        });
    }

    @Test
    void resetsTheConnectionWhenAStreamedResponseOverrunsTheRequestTimeout() throws Exception {
        start(HttpServer.builder().requestTimeout(Duration.ofMillis(300)).get("/trickle", request -> trickle()));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            client.send("GET /trickle HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThrows(IOException.class, client::read,
                    "a response that already started cannot become a 503: the client sees it cut off");
            assertEquals(1, server.statistics().requestTimeouts(), "the cut-off response overran the timeout");
        }
    }

    @Test
    void aStreamedResponseEndingWithACloseIsCutOffWhenItOverrunsTheRequestTimeoutToo() throws Exception {
        start(HttpServer.builder().requestTimeout(Duration.ofMillis(300)).get("/trickle", request -> trickle()));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            client.send("GET /trickle HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertThrows(IOException.class, client::read, "the overrunning response must be cut off");
            assertEquals(1, server.statistics().requestTimeouts(),
                    "the timeout must hold while the connection's last response streams out");
        }
    }

    @Test
    void aStreamBodyReturnedAfterTheTimeoutsAnswerIsClosedUnread() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        start(HttpServer.builder().requestTimeout(Duration.ofMillis(200)).get("/late", request -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException overran) {
                // answers anyway, too late
            }
            return HttpResponse.ok("").body(new InputStream() {
                @Override
                public int read() {
                    return -1;
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            });
        }));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(503, client.get("/late").status());
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the late response's stream (a file, a socket) must be closed");
        }
    }

    @Test
    void aMalformedChunkedBodyIsABadRequestAndNothingAfterItIsRead() throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(400, client.read().status(), "a broken chunk size must not pass as the end of the body");
            assertTrue(client.isClosedByServer(), "the connection must close instead of hanging on a dead decoder");
            assertEquals(1, server.statistics().protocolErrors());
        }
    }

    @Test
    void aStreamBodyLongerThanItsContentLengthIsCutThereAndTheConnectionReset() throws Exception {
        start(HttpServer.builder().get("/long", request -> HttpResponse.ok("").header("Content-Length", "5")
                .body(new java.io.ByteArrayInputStream(
                        "12345HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nEVIL".getBytes(StandardCharsets.US_ASCII)))));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals("12345", client.get("/long").text());
            assertTrue(client.isClosedByServer(),
                    "not one byte past the announced length may reach the client: it would read as another response");
        }
    }

    @Test
    void aPipelinedRequestAfterOneThatClosesTheConnectionIsNeverRun() throws Exception {
        java.util.concurrent.atomic.AtomicInteger sideEffects = new java.util.concurrent.atomic.AtomicInteger();
        start(HttpServer.builder().post("/side", request -> {
            sideEffects.incrementAndGet();
            return HttpResponse.ok("done");
        }));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    + "POST /side HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
            assertEquals("hello", client.read().text());
            assertTrue(client.isClosedByServer());
        }
        assertEquals(0, sideEffects.get(), "a request after 'Connection: close' must not be processed (RFC 9112 9.6)");
    }

    @Test
    void aContentLengthThatIsNotANumberIsRefusedWhenTheResponseIsBuilt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> HttpResponse.ok("").header("Content-Length", "abc"));
        assertEquals("Content-Length must be a non-negative decimal number, was \"abc\"", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok("").addHeader("content-length", "-1"));
    }

    @Test
    void anInterruptedExceptionTheServerDidNotCauseIsAHandlerFailure() throws Exception {
        start(HttpServer.builder().get("/interrupted", request -> {
            throw new InterruptedException("the handler's own");
        }));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(500, client.get("/interrupted").status(), "no timeout happened: this is the handler's failure");
            assertEquals(1, server.statistics().handlerFailures());
            assertEquals(0, server.statistics().requestTimeouts());
        }
    }

    @Test
    void rejectsBadBuilderValuesNamingTheParameter() {
        HttpServer.Builder builder = HttpServer.builder();
        assertEquals("maxContentLength must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> builder.maxContentLength(-1)).getMessage());
        assertEquals("maxConnections must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.maxConnections(0)).getMessage());
        assertEquals("port must be in 0..65535, was 70000",
                assertThrows(IllegalArgumentException.class, () -> builder.address("h", 70000)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.idleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.get("users/{id}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> builder.get("/users/x{id}", r -> null));
        builder.get("/a", r -> null);
        assertThrows(IllegalStateException.class, () -> builder.get("/a", r -> null), "a duplicate route");
        assertThrows(IllegalStateException.class, builder::build, "the address is required");
    }
}
