package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpProxyStopTest {
    @Test
    void stopWaitsForAConnectionStillConnectingToTheTarget() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket target = new ServerSocket(0, 1, loopback);
             LogCapture log = new LogCapture(TcpProxy.class.getName())) {
            fillBacklog(target, fillers);
            TcpProxy proxy = new TcpProxy(loopback.getHostAddress(), target.getLocalPort());
            Entrypoint entrypoint = TcpClientTest.entrypoint(proxy).start();
            try (Clients.Client client = new Clients.Client(proxy.localAddress())) {
                log.await(e -> e.getFormattedMessage().contains("connecting"), Duration.ofSeconds(10));
                entrypoint.stop();
                assertTrue(log.lines().stream().anyMatch(line -> line.contains("stopped while connecting")),
                        "the proxy's stop must return only after the connection it was still making to the target "
                                + "was abandoned; logged: " + log.lines());
                assertTrue(log.warnings().isEmpty(), "a stop is no failure: " + log.warnings());
            }
        } finally {
            for (Socket filler : fillers) {
                filler.close();
            }
        }
    }

    /** Connects until the never-accepting target's queue is full: a further connect then hangs (SYN dropped). */
    private static void fillBacklog(ServerSocket target, List<Socket> fillers) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(target.getInetAddress(), target.getLocalPort()), 500);
            } catch (SocketTimeoutException full) {
                filler.close();
                return;
            }
            fillers.add(filler);
        }
        throw new AssertionError("the target's accept queue never filled up");
    }
}
