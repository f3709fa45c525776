package io.aiomisc.services.http;

import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

@AiomiscTest
@Timeout(30)
class HttpServerUriDecodingTest {
    private HttpServer server;

    @Services
    HttpServer server() {
        server = HttpServer.builder()
                .address("127.0.0.1", 0)
                .get("/files/{name}", request -> HttpResponse.ok(request.pathParam("name") + "|" + request.path()))
                .get("/q", request -> HttpResponse.ok(request.queryParam("a").orElse("none")))
                .build();
        return server;
    }

    private RawHttp client() throws Exception {
        return new RawHttp(server.localAddress());
    }

    @Test
    void keepsAPlusInThePathAsAPlus() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("a+b|/files/a+b", client.get("/files/a+b").text(), "'+' means a space only in a query");
            assertEquals("a+b c|/files/a+b c", client.get("/files/a+b%20c").text(),
                    "a path with an escape still keeps its '+'");
        }
    }

    @Test
    void percentDecodesPathParametersAsUtf8() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("a b|/files/a b", client.get("/files/a%20b").text());
            assertEquals("\u00e9/x|/files/\u00e9/x", client.get("/files/%C3%A9%2Fx").text());
        }
    }

    @Test
    void decodesAPlusInTheQueryAsASpace() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("a b+c", client.get("/q?a=a+b%2Bc").text(), "query parameters are form-decoded");
        }
    }

    @Test
    void answersAMalformedEscapeInThePathWith400AsAProtocolError() throws Exception {
        try (RawHttp client = client()) {
            assertEquals(400, client.get("/files/%zz").status(), "a bad escape is the client's error, not a 500");
            assertEquals(400, client.get("/files/abc%").status(), "a lone '%' is a bad escape");
            assertEquals(400, client.get("/nowhere/%4").status(), "a bad escape is found before the 404");
            assertEquals("ok|/files/ok", client.get("/files/ok").text(), "the connection stays usable after it");
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(0, statistics.handlerFailures(), "a bad escape must not count as a handler failure");
        assertEquals(3, statistics.protocolErrors(), "each bad escape counts as one protocol error");
    }

    @Test
    void answersAMalformedEscapeInTheQueryWith400WhenTheHandlerReadsIt() throws Exception {
        try (RawHttp client = client()) {
            assertEquals(400, client.get("/q?a=%zz").status(), "a bad escape is the client's error, not a 500");
            assertEquals("x", client.get("/q?a=x").text(), "the connection stays usable after it");
        }
        HttpServerStatistics statistics = server.statistics();
        assertEquals(0, statistics.handlerFailures(), "a bad escape must not count as a handler failure");
        assertEquals(1, statistics.protocolErrors());
    }
}
