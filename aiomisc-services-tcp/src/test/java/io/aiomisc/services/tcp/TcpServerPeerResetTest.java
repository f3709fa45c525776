package io.aiomisc.services.tcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.aiomisc.Entrypoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.aiomisc.services.tcp.Clients.assertEchoes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a TcpServer logs a connection that ends with an error: the peer's doing, or the handler's. */
@Timeout(60)
class TcpServerPeerResetTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A line echo whose handler lets every exception out, as a user's handler does. */
    static final class LineEcho extends TcpServer {
        LineEcho() {
            super("127.0.0.1", 0);
        }

        @Override
        protected void handleClient(TcpConnection connection) throws IOException {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (line.equals("fail")) {
                    throw new IOException("the handler's own storage failed");
                }
            }
        }
    }

    private record Logged(ILoggingEvent first, List<String> warnings) {
    }

    /**
     * Sends {@code line} to a fresh server, reads the echo, resets the connection if asked, and returns the first
     * record the server logged about that client, and every warning it logged.
     */
    private static Logged serverLogOf(String line, boolean reset) throws Exception {
        LineEcho server = new LineEcho();
        try (LogCapture log = new LogCapture("io.aiomisc.services.tcp");
             Entrypoint ignored = Entrypoint.builder().logConfig(false).catchSignals(false).services(server).start();
             Clients.Client client = new Clients.Client(server.localAddress())) {
            String clientAddress = client.socket.getLocalSocketAddress().toString();
            assertEchoes(client, line);
            if (reset) {
                client.reset();
            }
            ILoggingEvent first = log.await(event -> event.getFormattedMessage().contains(clientAddress), WAIT);
            return new Logged(first, log.warnings());
        }
    }

    @Test
    void aClientThatResetsItsConnectionIsLoggedAtDebugNotAsAWarning() throws Exception {
        Logged logged = serverLogOf("hello", true);
        assertEquals(Level.DEBUG, logged.first().getLevel(), "a peer reset is normal network life, but the server "
                + "logged: " + logged.first().getLevel() + " " + logged.first().getFormattedMessage());
        assertTrue(logged.warnings().isEmpty(), "nothing about a reset may reach WARN, logged: " + logged.warnings());
    }

    @Test
    void anIoExceptionOfTheHandlersOwnIsStillAWarning() throws Exception {
        Logged logged = serverLogOf("fail", false);
        assertEquals(Level.WARN, logged.first().getLevel(), "a handler failure must stay visible, but the server "
                + "logged: " + logged.first().getLevel() + " " + logged.first().getFormattedMessage());
        assertTrue(logged.first().getFormattedMessage().contains("the handler's own storage failed"),
                "the warning must say what failed: " + logged.first().getFormattedMessage());
    }
}
