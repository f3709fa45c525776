package io.aiomisc.services.tcp;

import io.aiomisc.services.tcp.internal.SharedEventLoops;
import io.aiomisc.testing.ServiceContract;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RawTcpServerContractTest extends ServiceContract<RawTcpServer> {
    private ServerSocket taken;

    @AfterEach
    void releasePort() throws IOException {
        if (taken != null) {
            taken.close();
        }
    }

    static final class Echo extends RawTcpServer {
        Echo(int port) {
            super("127.0.0.1", port);
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(new LineEchoHandler(1024));
        }
    }

    @Override
    protected RawTcpServer newService() {
        return new Echo(0);
    }

    @Override
    protected RawTcpServer newFailingService() throws IOException {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return new Echo(taken.getLocalPort());
    }

    @Override
    protected void assertWorking(RawTcpServer service) throws Exception {
        try (Clients.Client client = new Clients.Client(service.localAddress())) {
            Clients.assertEchoes(client, "contract");
        }
    }

    @Override
    protected void assertReleased(RawTcpServer service) throws Exception {
        assertEquals(0, service.connections(), "no connection may stay open after the stop");
        if (service.state() != io.aiomisc.Service.State.NEW) {
            assertFalse(SharedEventLoops.hasGroup(service.entrypoint()),
                    "the entrypoint's event loops must be shut down once its last Netty service stopped");
        }
        try {
            Clients.assertPortFree(service.localAddress());
        } catch (IllegalStateException neverStarted) {
            // A service that never bound holds nothing.
        }
    }
}
