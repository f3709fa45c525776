package io.aiomisc.services.http;

import io.aiomisc.Service;
import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpServerContractTest extends ServiceContract<HttpServer> {
    private ServerSocket taken;

    @AfterEach
    void releasePort() throws IOException {
        if (taken != null) {
            taken.close();
        }
    }

    private static HttpServer server(int port) {
        return HttpServer.builder().address("127.0.0.1", port).healthRoutes()
                .get("/hello", request -> HttpResponse.ok("hello")).build();
    }

    @Override
    protected HttpServer newService() {
        return server(0);
    }

    @Override
    protected HttpServer newFailingService() throws IOException {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return server(taken.getLocalPort());
    }

    @Override
    protected void assertWorking(HttpServer service) throws Exception {
        try (RawHttp client = new RawHttp(service.localAddress())) {
            assertEquals("hello", client.get("/hello").text());
            assertEquals(200, client.get("/ready").status(), "a running server in a running entrypoint is ready");
        }
    }

    @Override
    protected void assertReleased(HttpServer service) throws Exception {
        assertEquals(0, service.connections(), "no connection may stay open after the stop");
        if (service.state() == Service.State.NEW) {
            return;
        }
        InetSocketAddress address;
        try {
            address = service.localAddress();
        } catch (IllegalStateException neverBound) {
            return;
        }
        try (ServerSocket again = new ServerSocket(address.getPort(), 1, address.getAddress())) {
            assertEquals(address.getPort(), again.getLocalPort(), "the port is free after the stop");
        }
    }
}
