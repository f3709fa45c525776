package io.aiomisc.services.http;

import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@AiomiscTest
@Timeout(30)
class HttpServerProtocolTest {
    private static final int TOGETHER = 16;

    private final CountDownLatch fastStarted = new CountDownLatch(1);
    private final CountDownLatch allRunning = new CountDownLatch(TOGETHER);
    private HttpServer server;

    @Services
    HttpServer server() {
        server = HttpServer.builder()
                .address("127.0.0.1", 0)
                .get("/hello", request -> HttpResponse.ok("hello"))
                .route("GET", "/loop", HandlerMode.EVENT_LOOP,
                        request -> HttpResponse.ok(Thread.currentThread().isVirtual() ? "virtual" : "loop"))
                .get("/where", request -> HttpResponse.ok(Thread.currentThread().isVirtual() ? "virtual" : "loop"))
                .get("/users/{id}", request -> HttpResponse.ok("user " + request.pathParam("id")))
                .get("/users/{id}/posts/{post}",
                        request -> HttpResponse.ok(request.pathParam("id") + "/" + request.pathParam("post")))
                .delete("/users/{id}", request -> HttpResponse.status(204))
                .get("/query", request -> HttpResponse.ok(request.queryParam("q").orElse("none")))
                .post("/echo", request -> HttpResponse.ok(request.bodyAsString())
                        .header("X-Length", Integer.toString(request.body().length)))
                .get("/slow", request -> {
                    // Finishes only after the next pipelined request's handler ran: out of order on purpose.
                    assertTrue(fastStarted.await(10, TimeUnit.SECONDS), "the fast request never started");
                    return HttpResponse.ok("slow");
                })
                .get("/fast", request -> {
                    fastStarted.countDown();
                    return HttpResponse.ok("fast");
                })
                .get("/stream", request -> HttpResponse.status(200).contentType("text/plain")
                        .body(new ByteArrayInputStream("streamed body".getBytes(StandardCharsets.UTF_8))))
                .streamingRoute("POST", "/upload", request -> {
                    long total = 0;
                    try (InputStream body = request.bodyStream()) {
                        byte[] buffer = new byte[1000];
                        int n;
                        while ((n = body.read(buffer)) >= 0) {
                            total += n;
                        }
                    }
                    return HttpResponse.ok("got " + total);
                })
                .get("/together", request -> {
                    // Returns only once every request of the batch runs: each needs a thread of its own, at once.
                    allRunning.countDown();
                    assertTrue(allRunning.await(10, TimeUnit.SECONDS), "not every request of the batch started");
                    return HttpResponse.ok(Thread.currentThread().isVirtual() ? "virtual" : "platform");
                })
                .get("/boom", request -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .build();
        return server;
    }

    private RawHttp client() throws Exception {
        return new RawHttp(server.localAddress());
    }

    @Test
    void answersARouteWithContentLengthDateAndServerHeaders() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.get("/hello");
            assertEquals(200, response.status());
            assertEquals("hello", response.text());
            assertEquals("5", response.header("Content-Length"), "a known body length is sent as Content-Length");
            assertNotNull(response.header("Date"), "every response carries a Date header");
            assertEquals("aiomisc", response.header("Server"));
            assertEquals("text/plain; charset=UTF-8", response.header("Content-Type"));
        }
    }

    @Test
    void bindsAnUnusedPortWhenGivenPortZero() {
        assertTrue(server.localAddress().getPort() > 0, "localAddress() must report the real port after start");
    }

    @Test
    void fillsPathParametersFromThePattern() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("user 42", client.get("/users/42").text());
            assertEquals("user a b", client.get("/users/a%20b").text(), "path parameters are percent-decoded");
            assertEquals("7/9", client.get("/users/7/posts/9").text());
        }
    }

    @Test
    void answersAnUnknownPathWith404() throws Exception {
        try (RawHttp client = client()) {
            assertEquals(404, client.get("/nowhere").status());
            assertEquals(404, client.get("/users/1/extra").status());
            assertEquals(200, client.get("/hello").status(), "a 404 keeps the connection usable");
        }
    }

    @Test
    void answersAWrongMethodWith405AndAnAllowHeader() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("PUT /users/1 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
                    .read();
            assertEquals(405, response.status());
            assertEquals("DELETE, GET, HEAD", response.header("Allow"), "Allow lists the path's methods");
        }
    }

    @Test
    void answersHeadFromTheGetRouteWithoutABody() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response head = client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n").read(true);
            assertEquals(200, head.status());
            assertEquals("5", head.header("Content-Length"), "HEAD reports the GET body's length");
            assertEquals("hello", client.get("/hello").text(), "no body bytes were left on the connection");
        }
    }

    @Test
    void decodesQueryParameters() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("a b", client.get("/query?q=a+b&x=1").text());
            assertEquals("none", client.get("/query").text());
        }
    }

    @Test
    void runsEventLoopRoutesOnTheLoopAndOthersOnVirtualThreads() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("loop", client.get("/loop").text());
            assertEquals("virtual", client.get("/where").text());
        }
    }

    @Test
    void keepsAConnectionAliveAcrossRequests() throws Exception {
        try (RawHttp client = client()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("hello", client.get("/hello").text());
            }
        }
    }

    @Test
    void answersPipelinedRequestsInRequestOrderWhenHandlersFinishOutOfOrder() throws Exception {
        try (RawHttp client = client()) {
            client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /fast HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("slow", client.read().text(), "the first request's response must come first");
            assertEquals("fast", client.read().text());
            assertEquals("hello", client.read().text());
        }
    }

    @Test
    void pipelinedRequestsReadTogetherRunAtOnceEachOnItsOwnVirtualThread() throws Exception {
        try (RawHttp client = client()) {
            client.send("GET /together HTTP/1.1\r\nHost: t\r\n\r\n".repeat(TOGETHER));
            for (int i = 0; i < TOGETHER; i++) {
                assertEquals("virtual", client.read().text(), "response " + i + " of the pipelined batch");
            }
        }
    }

    @Test
    void closesAfterAnHttp10RequestWithoutKeepAlive() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("GET /hello HTTP/1.0\r\n\r\n").read();
            assertEquals("HTTP/1.0 200 OK", response.statusLine());
            assertEquals("hello", response.text());
            assertTrue(client.isClosedByServer(), "HTTP/1.0 without keep-alive closes after the response");
        }
    }

    @Test
    void keepsAnHttp10ConnectionThatAsksForKeepAlive() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("keep-alive", response.header("Connection"));
            assertEquals("hello", client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().text());
        }
    }

    @Test
    void streamsAnInputStreamBodyToAnHttp10ClientByClosingTheConnection() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("GET /stream HTTP/1.0\r\n\r\n").read();
            assertNull(response.header("Transfer-Encoding"), "HTTP/1.0 has no chunked encoding");
            assertEquals("streamed body", response.text());
        }
    }

    @Test
    void closesWhenTheClientSendsConnectionClose() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .read();
            assertEquals("close", response.header("Connection"));
            assertTrue(client.isClosedByServer(), "the server closes after answering Connection: close");
        }
    }

    @Test
    void sends100ContinueBeforeReadingTheBody() throws Exception {
        try (RawHttp client = client()) {
            client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response interim = client.read();
            assertEquals(100, interim.status(), "the client is told to go on before it sends the body");
            RawHttp.Response response = client.send("hello").read();
            assertEquals(200, response.status());
            assertEquals("hello", response.text());
        }
    }

    @Test
    void readsAChunkedRequestBody() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").read();
            assertEquals("hello world", response.text());
            assertEquals("11", response.header("X-Length"));
        }
    }

    @Test
    void sendsAStreamedResponseChunked() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.get("/stream");
            assertEquals("chunked", response.header("Transfer-Encoding"));
            assertNull(response.header("Content-Length"));
            assertEquals("streamed body", response.text());
            assertEquals("hello", client.get("/hello").text(), "the connection is reusable after a chunked body");
        }
    }

    @Test
    void streamsALargeRequestBodyToAStreamingRoute() throws Exception {
        int size = 3 * 1024 * 1024;
        try (RawHttp client = client()) {
            client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + size + "\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                client.send(chunk);
            }
            RawHttp.Response response = client.read();
            assertEquals("got " + size, response.text(),
                    "a streaming route reads a body over maxContentLength without it being buffered first");
        }
    }

    @Test
    void answersAHandlerExceptionWith500CarryingTheRequestIdButNoDetail() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.get("/boom");
            assertEquals(500, response.status());
            String id = response.header("X-Request-Id");
            assertNotNull(id, "the 500 names the request id");
            assertTrue(response.text().contains(id), "the body names the request id: " + response.text());
            assertFalse(response.text().contains("secret"), "the exception must never be echoed to the client");
            assertFalse(response.text().contains("at io."), "no stack trace in the response");
            assertEquals("hello", client.get("/hello").text(), "the connection survives a 500");
        }
    }

    @Test
    void answersDeleteWith204AndNoBody() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = client.send("DELETE /users/3 HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertEquals(204, response.status());
            assertNull(response.header("Content-Length"));
            assertEquals("hello", client.get("/hello").text());
        }
    }

    @Test
    void readsABodyWithContentLength() throws Exception {
        try (RawHttp client = client()) {
            byte[] body = "ünïcödé".getBytes(StandardCharsets.UTF_8);
            client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length + "\r\n\r\n");
            RawHttp.Response response = client.send(body).read();
            assertArrayEquals(body, response.body());
        }
    }
}
