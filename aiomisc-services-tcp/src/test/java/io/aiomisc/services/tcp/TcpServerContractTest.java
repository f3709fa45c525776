package io.aiomisc.services.tcp;

import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpServerContractTest extends ServiceContract<TcpServer> {
    private ServerSocket taken;

    @AfterEach
    void releasePort() throws IOException {
        if (taken != null) {
            taken.close();
        }
    }

    static final class LineEcho extends TcpServer {
        LineEcho(int port) {
            super("127.0.0.1", port);
        }

        @Override
        protected void handleClient(TcpConnection connection) throws IOException {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    protected TcpServer newService() {
        return new LineEcho(0);
    }

    @Override
    protected TcpServer newFailingService() throws IOException {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return new LineEcho(taken.getLocalPort());
    }

    @Override
    protected void assertWorking(TcpServer service) throws Exception {
        try (Clients.Client client = new Clients.Client(service.localAddress())) {
            Clients.assertEchoes(client, "contract");
        }
    }

    @Override
    protected void assertReleased(TcpServer service) throws Exception {
        assertEquals(0, service.connections(), "no connection may stay open after the stop");
        try {
            Clients.assertPortFree(service.localAddress());
        } catch (IllegalStateException neverStarted) {
            // A service that never bound holds nothing.
        }
    }
}
