package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import io.aiomisc.stats.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters of {@link HttpServer} ({@link HttpServerStatistics}) move as documented, with raw-socket clients.
 * The server counts a request before it answers it, so each assertion follows the response the client read (or the
 * stop, which waits for every connection).
 */
@Timeout(60)
class HttpServerStatisticsTest {
    private Entrypoint entrypoint;
    private HttpServer server;

    /** Adds an EVENT_LOOP {@code /loop}, a VIRTUAL {@code /virtual}, throwing routes in both modes, and starts. */
    private HttpServer start(HttpServer.Builder builder) {
        server = builder.address("127.0.0.1", 0)
                .route("GET", "/loop", HandlerMode.EVENT_LOOP, request -> HttpResponse.ok("loop"))
                .get("/virtual", request -> HttpResponse.ok("virtual"))
                .get("/moved", request -> HttpResponse.status(301).header("Location", "/virtual"))
                .post("/echo", request -> HttpResponse.ok(request.bodyAsString()))
                .get("/throw", request -> {
                    throw new IllegalStateException("the handler's own bug");
                })
                .route("GET", "/throw-on-loop", HandlerMode.EVENT_LOOP, request -> {
                    throw new IllegalStateException("the handler's own bug");
                })
                .build();
        entrypoint = Servers.start(server);
        return server;
    }

    @AfterEach
    void stop() {
        if (entrypoint != null) {
            entrypoint.close();
        }
    }

    @Test
    void threeRequestsOnOneConnectionAreThreeRequestsAndThree2xxResponsesAndTheCountsSurviveARestart()
            throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(200, client.get("/loop").status());
            assertEquals(200, client.get("/virtual").status());
            assertEquals(200, client.get("/loop").status());
            assertEquals(new HttpServerStatistics(1, 1, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0), server.statistics(),
                    "one open connection that carried three answered requests");
        }
        entrypoint.close();
        assertEquals(0, server.statistics().connectionsActive(), "nothing is active after the stop");
        assertEquals(3, server.statistics().requests(), "what was counted stays after the stop");

        entrypoint = Servers.start(server);
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(301, client.get("/moved").status());
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(4, statistics.requests(), "the counts go on over a restart: they cover the server's life");
        assertEquals(2, statistics.connectionsAccepted());
        assertEquals(1, statistics.responses3xx(), "a redirect is a 3xx response");
    }

    @Test
    void anUnknownPathAndAWrongMethodAre4xxResponsesNotErrors() throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(404, client.get("/nowhere").status());
            assertEquals(405, client.send("DELETE /loop HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(2, statistics.responses4xx(), "404 and 405 are 4xx responses");
        assertEquals(2, statistics.requests());
        assertEquals(0, statistics.protocolErrors(), "a well-formed request to a wrong route is no protocol error");
        assertEquals(0, statistics.handlerFailures());
    }

    @Test
    void aThrowingHandlerInEitherModeIsAHandlerFailureAnswered5xx() throws Exception {
        start(HttpServer.builder());
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(500, client.get("/throw").status());
            assertEquals(500, client.get("/throw-on-loop").status());
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(2, statistics.handlerFailures(), "each throwing handler must be counted once");
        assertEquals(2, statistics.responses5xx(), "each failure is answered 500");
        assertEquals(0, statistics.responses2xx());
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of(400, "THIS IS NOT HTTP\r\n\r\n"),
                Arguments.of(400, "GET relative HTTP/1.1\r\nHost: t\r\n\r\n"),
                Arguments.of(413, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n"),
                Arguments.of(414, "GET /loop?" + "x".repeat(100) + " HTTP/1.1\r\nHost: t\r\n\r\n"),
                Arguments.of(417, "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: tea\r\nContent-Length: 2\r\n\r\nhi"),
                Arguments.of(431, "GET /loop HTTP/1.1\r\nHost: t\r\nX-Big: " + "y".repeat(400) + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "[{index}] answered {0}")
    @MethodSource("refusedRequests")
    void aRequestRefusedByTheProtocolOrALimitIsAProtocolError(int status, String request) throws Exception {
        start(HttpServer.builder().maxContentLength(16).maxInitialLineLength(64).maxHeaderSize(256));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(status, client.send(request).read().status());
            assertTrue(client.isClosedByServer(), "the connection closes after a protocol error");
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(1, statistics.protocolErrors(), "the refused request must be counted once as a protocol error");
        assertEquals(1, statistics.requests(), "a refused request is still a request");
        assertEquals(1, statistics.responses4xx());
        assertEquals(0, statistics.handlerFailures(), "no handler ran");
    }

    @Test
    void aConnectionOverMaxConnectionsIsRefusedAndItsRequestIsNotCounted() throws Exception {
        start(HttpServer.builder().maxConnections(1));
        try (RawHttp admitted = new RawHttp(server.localAddress())) {
            assertEquals(200, admitted.get("/loop").status());
            try (RawHttp extra = new RawHttp(server.localAddress())) {
                assertEquals(503, extra.get("/loop").status(), "the connection over the limit is answered 503");
            }
            HttpServerStatistics statistics = server.statistics();
            assertEquals(1, statistics.connectionsRefused(), "the extra connection must count as refused");
            assertEquals(1, statistics.connectionsAccepted(), "a refused connection is not an accepted one");
            assertEquals(1, statistics.connectionsActive());
            assertEquals(1, statistics.requests(), "the refused connection's request reached no route");
            assertEquals(0, statistics.responses5xx(), "the overload 503 is counted as a refusal, not a response");
        }
    }

    @Test
    void aVirtualHandlerThatOverrunsTheRequestTimeoutIsARequestTimeoutAnswered503() throws Exception {
        start(HttpServer.builder().requestTimeout(Duration.ofMillis(200))
                .get("/stuck", request -> {
                    new CountDownLatch(1).await();
                    return HttpResponse.ok("never");
                }));
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(503, client.get("/stuck").status());
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(1, statistics.requestTimeouts(), "the overrun must be counted");
        assertEquals(1, statistics.responses5xx());
        assertEquals(0, statistics.handlerFailures(), "an interrupted handler that rethrows is no handler failure");
    }

    @Test
    void aRunningServerIsAnMBeanOfItsEntrypointWithTheCountersAsAttributes() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        start(HttpServer.builder().name("api"));
        ObjectName name = Statistics.objectName(entrypoint, "HttpServer", "api");
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(200, client.get("/loop").status());
            assertEquals(404, client.get("/nowhere").status());
            assertEquals(2L, jmx.getAttribute(name, "requests"), "JMX must show the running server's requests");
            assertEquals(1L, jmx.getAttribute(name, "responses2xx"));
            assertEquals(1L, jmx.getAttribute(name, "responses4xx"));
            assertEquals(1L, jmx.getAttribute(name, "connectionsAccepted"));
            assertEquals(1, jmx.getAttribute(name, "connectionsActive"));
            assertEquals(0L, jmx.getAttribute(name, "handlerFailures"));
        }
        entrypoint.close();
        assertFalse(jmx.isRegistered(name), "the MBean must be withdrawn when the entrypoint stops");
    }
}
