package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpProxyContractTest extends ServiceContract<TcpProxy> {
    static TcpServerTest.LineEcho server;
    static Entrypoint servers;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TcpServerTest.LineEcho(TcpServer.Options.defaults());
        servers = TcpClientTest.entrypoint(server).start();
    }

    @AfterAll
    static void stopServer() {
        servers.stop();
    }

    @Override
    protected TcpProxy newService() {
        return new TcpProxy("127.0.0.1", server.localAddress().getPort());
    }

    @Override
    protected TcpProxy newFailingService() {
        return new TcpProxy("127.0.0.1", server.localAddress().getPort(), "192.0.2.1");
    }

    @Override
    protected void assertWorking(TcpProxy service) throws Exception {
        try (Clients.Client client = new Clients.Client(service.localAddress())) {
            Clients.assertEchoes(client, "proxied");
        }
    }

    @Override
    protected void assertReleased(TcpProxy service) throws Exception {
        assertEquals(0, service.connections(), "the stop must close every proxied connection");
        try {
            Clients.assertPortFree(service.localAddress());
        } catch (IllegalStateException neverStarted) {
            // Never bound.
        }
    }
}
