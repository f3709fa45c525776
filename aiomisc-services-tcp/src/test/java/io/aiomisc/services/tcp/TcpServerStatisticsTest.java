package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.stats.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static io.aiomisc.services.tcp.Clients.assertEchoes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The counters of {@link TcpServer} ({@link TcpServerStatistics}) move as documented, with real loopback clients.
 * Each assertion is made after something the client observed that the server does only after counting (an echo, an
 * end of stream), or after the stop, which waits for every handler thread.
 */
@Timeout(60)
class TcpServerStatisticsTest {

    /** A line echo whose handler throws its own error after echoing "fail". */
    static final class LineEcho extends TcpServer {
        LineEcho(Options options) {
            super("127.0.0.1", 0, options);
        }

        @Override
        protected void handleClient(TcpConnection connection) throws IOException {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                connection.drain();
                if (line.equals("fail")) {
                    throw new IllegalStateException("the handler's own bug");
                }
            }
        }
    }

    private static Entrypoint start(Service server) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(server).start();
    }

    private static LineEcho server() {
        return new LineEcho(TcpServer.Options.defaults());
    }

    @Test
    void admittedConnectionsAreCountedTheOpenOnesAreActiveAndTheCountsSurviveARestart() throws Exception {
        LineEcho server = server();
        assertEquals(new TcpServerStatistics(0, 0, 0, 0, 0, 0), server.statistics(),
                "a server that never ran has counted nothing");
        try (Entrypoint ignored = start(server)) {
            try (Clients.Client first = new Clients.Client(server.localAddress());
                 Clients.Client second = new Clients.Client(server.localAddress())) {
                assertEchoes(first, "one");
                assertEchoes(second, "two");
                assertEquals(new TcpServerStatistics(2, 2, 0, 0, 0, 0), server.statistics(),
                        "two served connections are accepted and, while open, active");
            }
        }
        assertEquals(new TcpServerStatistics(2, 0, 0, 0, 0, 0), server.statistics(),
                "after the stop nothing is active, and what was counted stays");

        try (Entrypoint ignored = start(server);
             Clients.Client third = new Clients.Client(server.localAddress())) {
            assertEchoes(third, "three");
            assertEquals(3, server.statistics().connectionsAccepted(),
                    "the counts go on over a restart: they cover the server object's life");
        }
    }

    @Test
    void aConnectionOverMaxConnectionsIsCountedAsRefused() throws Exception {
        LineEcho server = new LineEcho(TcpServer.Options.defaults().withMaxConnections(1));
        try (Entrypoint ignored = start(server);
             Clients.Client admitted = new Clients.Client(server.localAddress())) {
            assertEchoes(admitted, "in");
            try (Clients.Client extra = new Clients.Client(server.localAddress())) {
                assertEquals("", extra.receiveAll(), "the connection over the limit is closed at once");
            }
            TcpServerStatistics statistics = server.statistics();
            assertEquals(1, statistics.connectionsRefused(), "the closed extra connection must count as refused");
            assertEquals(1, statistics.connectionsAccepted(), "a refused connection is not an accepted one");
        }
    }

    @Test
    void aHandlerThatThrowsIsAHandlerFailureNotAPeerReset() throws Exception {
        LineEcho server = server();
        try (Entrypoint ignored = start(server);
             Clients.Client client = new Clients.Client(server.localAddress())) {
            assertEchoes(client, "fail");
            assertEquals("", client.receiveAll(), "the server closes the connection whose handler threw");
            TcpServerStatistics statistics = server.statistics();
            assertEquals(1, statistics.handlerFailures(), "a handler that threw must be counted as a failure");
            assertEquals(0, statistics.peerResets(), "the handler's own bug is not the peer's doing");
        }
    }

    @Test
    void aClientThatResetsItsConnectionIsAPeerResetNotAHandlerFailure() throws Exception {
        LineEcho server = server();
        try (Entrypoint ignored = start(server)) {
            Clients.Client client = new Clients.Client(server.localAddress());
            assertEchoes(client, "hello");
            client.reset();
        }
        // The stop joined the handler thread, which counted before it ended.
        TcpServerStatistics statistics = server.statistics();
        assertEquals(1, statistics.peerResets(), "a client's reset must be counted as a peer reset");
        assertEquals(0, statistics.handlerFailures(), "a peer's reset is not a handler failure");
    }

    @Test
    void aRunningServerIsAnMBeanOfItsEntrypointWithTheCountersAsAttributes() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        LineEcho server = server();
        ObjectName name;
        try (Entrypoint entrypoint = start(server);
             Clients.Client client = new Clients.Client(server.localAddress())) {
            name = Statistics.objectName(entrypoint, "LineEcho", "LineEcho");
            assertEchoes(client, "jmx");
            assertEquals(1L, jmx.getAttribute(name, "connectionsAccepted"),
                    "JMX must show the running server's accepted connections");
            assertEquals(1, jmx.getAttribute(name, "connectionsActive"));
            assertEquals(0L, jmx.getAttribute(name, "connectionsRefused"));
            assertEquals(0L, jmx.getAttribute(name, "handlerFailures"));
            assertEquals(0L, jmx.getAttribute(name, "peerResets"));
        }
        assertFalse(jmx.isRegistered(name), "the MBean must be withdrawn when the entrypoint stops");
    }
}
