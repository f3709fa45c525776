package io.aiomisc.services.http.snippets;

import io.aiomisc.Entrypoint;
import io.aiomisc.services.http.HandlerMode;
import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.http.HttpResponse;
import io.aiomisc.services.http.HttpServer;
import io.aiomisc.services.tcp.TlsConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The code blocks of docs/http.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class HttpSnippets {
    private HttpSnippets() {
    }

    static void server(Path dir) throws Exception {
        // tag::server[]
        HttpServer server = HttpServer.builder()
                .address("0.0.0.0", 8080)                          // port 0: an unused port, see localAddress()
                .filter(HttpFilter.requestId())                    // X-Request-Id + MDC "requestId"
                .filter(HttpFilter.accessLog())                    // one INFO line per request
                .get("/users/{id}", request -> HttpResponse.ok("user " + request.pathParam("id")))
                .post("/users", request -> HttpResponse.of(201, request.bodyAsString()).contentType("application/json"))
                .route("GET", "/ping", HandlerMode.EVENT_LOOP, request -> HttpResponse.ok("pong"))
                .streamingRoute("PUT", "/files/{name}", request -> {
                    Path file = dir.resolve(request.pathParam("name")).normalize();
                    if (!dir.normalize().equals(file.getParent())) {   // "..%2Fx" is decoded to "../x"
                        return HttpResponse.status(400);
                    }
                    try (InputStream in = request.bodyStream()) {
                        Files.copy(in, file);
                    }
                    return HttpResponse.status(204);
                })
                .healthRoutes()                                    // GET /health and GET /ready
                .build();

        Entrypoint.run(() -> { Thread.sleep(Long.MAX_VALUE); return null; }, server);
        // end::server[]
    }

    static HttpServer tls() {
        // tag::tls[]
        HttpServer server = HttpServer.builder()
                .address("0.0.0.0", 8443)
                .tls(TlsConfig.builder()
                        .certificate(Path.of("server.crt"), Path.of("server.key"))   // PEM chain, PKCS#8 key
                        .trust(Path.of("clients-ca.crt"))                            // only for client certificates
                        .clientAuth(TlsConfig.ClientAuth.REQUIRED)
                        .build())
                .get("/hello", request -> HttpResponse.ok("hello over https"))
                .build();
        // end::tls[]
        return server;
    }
}
