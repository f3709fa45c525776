package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful stop and the health routes. */
@Timeout(60)
class HttpServerShutdownTest {
    private final CountDownLatch entered = new CountDownLatch(2);
    private final CountDownLatch release = new CountDownLatch(1);
    private Entrypoint entrypoint;
    private Thread stopper;

    private HttpServer server(Duration grace) {
        return HttpServer.builder().address("127.0.0.1", 0).gracePeriod(grace).healthRoutes()
                .get("/slow", request -> {
                    entered.countDown();
                    release.await();
                    return HttpResponse.ok("done");
                })
                .get("/hello", request -> HttpResponse.ok("hello"))
                .build();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        release.countDown();
        if (stopper != null) {
            stopper.join(30_000);
        }
        if (entrypoint != null) {
            entrypoint.close();
        }
    }

    private void stopInBackground() {
        stopper = Thread.ofPlatform().name("test-stopper").start(entrypoint::stop);
    }

    @Test
    void aStopLetsInFlightRequestsFinishWithConnectionCloseAndClosesIdleConnectionsAtOnce() throws Exception {
        HttpServer server = server(Duration.ofSeconds(20));
        entrypoint = Servers.start(server);
        InetSocketAddress address = server.localAddress();
        try (RawHttp first = new RawHttp(address); RawHttp second = new RawHttp(address);
             RawHttp idle = new RawHttp(address)) {
            assertEquals("hello", idle.get("/hello").text());
            first.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            second.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS), "both slow requests must be in their handlers");

            stopInBackground();
            assertTrue(idle.isClosedByServer(), "an idle keep-alive connection closes as soon as the stop begins");
            assertTrue(stopper.isAlive(), "the stop waits for the requests in flight");
            assertThrows(IOException.class, () -> new Socket(address.getAddress(), address.getPort()).close(),
                    "new connections are refused once the stop began");

            release.countDown();
            RawHttp.Response one = first.read();
            assertEquals(200, one.status(), "an in-flight request is answered, not cut off");
            assertEquals("done", one.text());
            assertEquals("close", one.header("Connection"), "the last response of a draining connection says close");
            assertTrue(first.isClosedByServer());

            RawHttp.Response pipelinedFirst = second.read();
            assertEquals("done", pipelinedFirst.text());
            assertFalse("close".equals(pipelinedFirst.header("Connection")),
                    "a response followed by another pipelined one must not claim the connection closes");
            RawHttp.Response pipelinedSecond = second.read();
            assertEquals("hello", pipelinedSecond.text(), "a request pipelined before the stop is answered too");
            assertEquals("close", pipelinedSecond.header("Connection"));
            assertTrue(second.isClosedByServer());
        }
        stopper.join(30_000);
        assertEquals(Service.State.STOPPED, server.state());
    }

    @Test
    void aStopClosesRequestsThatOutliveTheGracePeriod() throws Exception {
        HttpServer server = server(Duration.ofMillis(200));
        entrypoint = Servers.start(server);
        try (RawHttp client = new RawHttp(server.localAddress())) {
            client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS), "both pipelined slow requests must be in their handlers");
            entrypoint.stop();
            assertTrue(client.isClosedByServer(), "after the grace period the connection is closed");
        }
        assertEquals(Service.State.STOPPED, server.state(), "the stop never hangs on a handler that does not end");
        assertEquals(0, server.connections());
    }

    /** Starts after the server and stops before it; its stop waits until the test lets it go. */
    private static final class StopGate extends Service {
        final CountDownLatch stopping = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        protected void start() {
        }

        @Override
        protected void stop(Throwable cause) throws InterruptedException {
            stopping.countDown();
            proceed.await();
        }

        @Override
        public int phase() {
            return 1;
        }
    }

    @Test
    void readyAnswers503FromTheMomentAStopBeginsWhileHealthStays200() throws Exception {
        HttpServer server = server(Duration.ofSeconds(5));
        StopGate gate = new StopGate();
        entrypoint = Servers.entrypoint().services(server, gate).start();
        try (RawHttp client = new RawHttp(server.localAddress())) {
            assertEquals(200, client.get("/ready").status(), "a running server is ready");
            assertEquals(200, client.get("/health").status());
        }
        assertTrue(server.isReady());
        stopInBackground();
        assertTrue(gate.stopping.await(10, TimeUnit.SECONDS), "the stop began");
        try (RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response ready = client.get("/ready");
            assertEquals(503, ready.status(), "a load balancer must see not-ready as soon as the stop begins");
            assertEquals(200, client.get("/health").status(), "liveness stays 200 while the server still serves");
        }
        assertFalse(server.isReady());
        gate.proceed.countDown();
        stopper.join(30_000);
        assertEquals(Service.State.STOPPED, server.state());
    }
}
