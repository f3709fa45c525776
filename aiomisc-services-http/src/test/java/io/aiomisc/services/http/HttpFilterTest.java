package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Timeout(30)
class HttpFilterTest {
    @Test
    void filtersRunInOrderAroundTheHandlerAndMayShortCircuit() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.builder().address("127.0.0.1", 0)
                .filter((request, chain) -> {
                    seen.add("outer " + request.path());
                    return chain.next(request).header("X-Outer", "1");
                })
                .filter((request, chain) -> request.header("Authorization").isPresent()
                        ? chain.next(request) : HttpResponse.of(401, "no"))
                .get("/secret", request -> {
                    seen.add("handler");
                    return HttpResponse.ok("secret");
                })
                .build();
        try (Entrypoint entrypoint = Servers.start(server);
             RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response denied = client.get("/secret");
            assertEquals(401, denied.status(), "the second filter answers without calling the handler");
            assertEquals("1", denied.header("X-Outer"), "the outer filter wraps the short-circuit answer");
            RawHttp.Response allowed = client.send("GET /secret HTTP/1.1\r\nHost: t\r\nAuthorization: x\r\n\r\n")
                    .read();
            assertEquals("secret", allowed.text());
            assertEquals(404, client.send("GET /missing HTTP/1.1\r\nHost: t\r\nAuthorization: x\r\n\r\n").read()
                    .status());
            assertEquals(List.of("outer /secret", "outer /secret", "handler", "outer /missing"), seen,
                    "filters run in the order added, also for a 404");
        }
    }

    @Test
    void theRequestIdFilterPutsTheIdInTheMdcAndTheResponse() throws Exception {
        HttpServer server = HttpServer.builder().address("127.0.0.1", 0)
                .filter(HttpFilter.requestId())
                .filter(HttpFilter.accessLog())
                .get("/mdc", request -> HttpResponse.ok(String.valueOf(MDC.get("requestId"))))
                .build();
        try (Entrypoint entrypoint = Servers.start(server);
             RawHttp client = new RawHttp(server.localAddress())) {
            RawHttp.Response made = client.get("/mdc");
            assertNotNull(made.header("X-Request-Id"), "the server makes an id when the client sent none");
            assertEquals(made.header("X-Request-Id"), made.text(), "the handler sees the id in the MDC");
            RawHttp.Response given = client.send("GET /mdc HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123\r\n\r\n")
                    .read();
            assertEquals("abc-123", given.header("X-Request-Id"), "the client's own id is kept");
            assertEquals("abc-123", given.text());
        }
    }

    @Test
    void responsesAreImmutable() {
        HttpResponse base = HttpResponse.ok("x");
        HttpResponse changed = base.header("X-A", "1").withStatus(201).contentType("application/json");
        assertEquals(200, base.statusCode());
        assertEquals(java.util.Optional.empty(), base.header("X-A"), "a with-call never changes the original");
        assertEquals(201, changed.statusCode());
        assertEquals("application/json", changed.contentType().orElseThrow());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> base.header("X-Bad", "a\r\nInjected: yes"), "header injection is refused");
    }
}
