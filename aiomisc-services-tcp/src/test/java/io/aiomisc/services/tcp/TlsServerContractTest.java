package io.aiomisc.services.tcp;

import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TlsServerContractTest extends ServiceContract<TlsServer> {
    @TempDir
    static Path keys;
    static TestKeys.Identity server;
    private ServerSocket taken;

    @BeforeAll
    static void makeKeys() throws Exception {
        server = TestKeys.make(keys, "server");
    }

    @AfterEach
    void releasePort() throws IOException {
        if (taken != null) {
            taken.close();
        }
    }

    private static TlsServer echo(int port) {
        TlsConfig tls = TlsConfig.builder().certificate(server.certificate(), server.key()).build();
        return new TlsServer("127.0.0.1", port, tls) {
            @Override
            protected void handleClient(TcpConnection connection) throws IOException {
                String line;
                while ((line = connection.readLine()) != null) {
                    connection.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        };
    }

    @Override
    protected TlsServer newService() {
        return echo(0);
    }

    @Override
    protected TlsServer newFailingService() throws IOException {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return echo(taken.getLocalPort());
    }

    @Override
    protected void assertWorking(TlsServer service) throws Exception {
        TlsConfig trusting = TlsConfig.builder().trust(server.certificate()).build();
        try (SSLSocket socket = TlsServerTest.connect(trusting, service.localAddress())) {
            assertEquals("contract", TlsServerTest.echo(socket, "contract"), "the TLS server must echo");
        }
    }

    @Override
    protected void assertReleased(TlsServer service) throws Exception {
        assertEquals(0, service.connections(), "no connection may stay open after the stop");
        try {
            Clients.assertPortFree(service.localAddress());
        } catch (IllegalStateException neverStarted) {
            // A service that never bound holds nothing.
        }
    }
}
