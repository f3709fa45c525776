package io.aiomisc.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnusedPortsTest {
    @Test
    void neverHandsOutTheSamePortTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = UnusedPorts.take();
            assertTrue(seen.add(port), "port " + port + " was handed out twice");
        }
    }

    @Test
    void holdsNothingSoAServerCanBindThePortWithoutReuseOptions() throws IOException {
        int port = UnusedPorts.take();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(false);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertEquals(port, server.getLocalPort(), "the server did not get the unused port");
        }
    }
}
