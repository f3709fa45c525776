package io.aiomisc.services.http;

import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

@AiomiscTest
@Timeout(30)
class HttpServerRoutingTest {
    private HttpServer server;

    @Services
    HttpServer server() {
        server = HttpServer.builder()
                .address("127.0.0.1", 0)
                .get("/users/me", request -> HttpResponse.ok("me"))
                .get("/users/{id}", request -> HttpResponse.ok("user " + request.pathParam("id")))
                .delete("/users/{id}", request -> HttpResponse.ok("deleted " + request.pathParam("id")))
                .get("/items/{id}", request -> HttpResponse.ok("first " + request.pathParam("id")))
                .put("/items/{name}", request -> HttpResponse.ok("second " + request.pathParam("name")))
                .build();
        return server;
    }

    private RawHttp client() throws Exception {
        return new RawHttp(server.localAddress());
    }

    private static RawHttp.Response send(RawHttp client, String method, String path) throws Exception {
        return client.send(method + " " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
                .read(method.equals("HEAD"));
    }

    @Test
    void triesTheParameterPatternWhenTheLiteralPathLacksTheMethod() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response response = send(client, "DELETE", "/users/me");
            assertEquals(200, response.status(), "DELETE /users/{id} must serve /users/me too, as it serves /users/42");
            assertEquals("deleted me", response.text());
            assertEquals("me", client.get("/users/me").text(), "the literal path still wins for its own method");
            assertEquals("deleted 42", send(client, "DELETE", "/users/42").text());
        }
    }

    @Test
    void triesLaterPatternsWhenTheFirstMatchingOneLacksTheMethod() throws Exception {
        try (RawHttp client = client()) {
            assertEquals("second x", send(client, "PUT", "/items/x").text());
            assertEquals("first x", client.get("/items/x").text(), "patterns keep their registration order");
        }
    }

    @Test
    void allowsTheMethodsOfEveryEntryMatchingThePathIn405() throws Exception {
        try (RawHttp client = client()) {
            RawHttp.Response users = send(client, "PATCH", "/users/me");
            assertEquals(405, users.status());
            assertEquals("DELETE, GET, HEAD", users.header("Allow"), "Allow lists what every matching route takes");
            RawHttp.Response items = send(client, "POST", "/items/x");
            assertEquals(405, items.status());
            assertEquals("GET, HEAD, PUT", items.header("Allow"));
        }
    }
}
