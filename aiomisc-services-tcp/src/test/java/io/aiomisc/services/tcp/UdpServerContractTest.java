package io.aiomisc.services.tcp;

import io.aiomisc.services.tcp.internal.SharedEventLoops;
import io.aiomisc.testing.ServiceContract;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class UdpServerContractTest extends ServiceContract<UdpServer> {
    private DatagramSocket taken;

    @AfterEach
    void releasePort() {
        if (taken != null) {
            taken.close();
        }
    }

    static final class Echo extends UdpServer {
        Echo(int port) {
            super("127.0.0.1", port);
        }

        @Override
        protected void handleDatagram(byte[] data, InetSocketAddress sender) throws Exception {
            send(data, sender).get();
        }
    }

    @Override
    protected UdpServer newService() {
        return new Echo(0);
    }

    @Override
    protected UdpServer newFailingService() throws IOException {
        taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        return new Echo(taken.getLocalPort());
    }

    @Override
    protected void assertWorking(UdpServer service) throws Exception {
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(10_000);
            byte[] ping = {1, 2, 3};
            client.send(new DatagramPacket(ping, ping.length, service.localAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[16], 16);
            client.receive(answer);
            assertArrayEquals(ping, java.util.Arrays.copyOf(answer.getData(), answer.getLength()));
        }
    }

    @Override
    protected void assertReleased(UdpServer service) throws Exception {
        if (service.state() != io.aiomisc.Service.State.NEW) {
            assertFalse(SharedEventLoops.hasGroup(service.entrypoint()),
                    "the entrypoint's event loops must be shut down once its last Netty service stopped");
        }
        InetSocketAddress address;
        try {
            address = service.localAddress();
        } catch (IllegalStateException neverStarted) {
            return;
        }
        try (DatagramSocket again = new DatagramSocket(address)) {
            again.getLocalPort();
        }
    }
}
