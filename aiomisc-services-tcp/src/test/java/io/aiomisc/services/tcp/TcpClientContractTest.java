package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpClientContractTest extends ServiceContract<TcpClient> {
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

    /** Echo check on connect, then waits for the server or the stop to end the connection. */
    static final class Checking extends TcpClient {
        volatile String echoed;
        volatile TcpConnection connection;

        Checking(int port, Options options) {
            super("127.0.0.1", port, options);
        }

        @Override
        protected void handleConnection(TcpConnection connection) throws IOException {
            this.connection = connection;
            connection.write("contract\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            echoed = connection.readLine();
            connection.readLine();
        }
    }

    @Override
    protected TcpClient newService() {
        return new Checking(server.localAddress().getPort(), TcpClient.Options.defaults());
    }

    @Override
    protected TcpClient newFailingService() throws IOException {
        return new Checking(TcpClientTest.refusedPort(),
                TcpClient.Options.defaults().withConnectAttempts(1, Duration.ZERO));
    }

    @Override
    protected void assertReleased(TcpClient service) {
        TcpConnection connection = ((Checking) service).connection;
        if (connection != null) {
            assertTrue(connection.isClosed(), "the stop must close the client's connection");
        }
    }
}
