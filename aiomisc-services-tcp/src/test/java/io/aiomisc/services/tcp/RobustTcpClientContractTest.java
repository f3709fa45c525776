package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RobustTcpClientContractTest extends ServiceContract<RobustTcpClient> {
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
    protected RobustTcpClient newService() {
        return new TcpClientTest.Reconnecting(server.localAddress().getPort(), Duration.ofMillis(200));
    }

    @Override
    protected void assertWorking(RobustTcpClient service) {
        assertTrue(service.isConnected(), "a started robust client is connected");
    }
}
