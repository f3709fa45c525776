package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static io.aiomisc.services.tcp.Clients.assertEchoes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a line-echo server must survive from badly behaved clients, once per server type: none of them may
 * affect another client, the server, or its stop.
 */
@Timeout(60)
abstract class BadClientsContract<S extends Service> {
    static final int LIMIT = 1024;

    /** A line-echo server on 127.0.0.1 port 0 that closes a connection whose line exceeds {@link #LIMIT}. */
    abstract S newLineEcho(TcpServer.Options options);

    abstract InetSocketAddress address(S server);

    abstract int connections(S server);

    private static Entrypoint.Builder entrypoint(Service server) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(server);
    }

    private S server() {
        return newLineEcho(TcpServer.Options.defaults().withLimit(LIMIT).withGracePeriod(Duration.ofMillis(200)));
    }

    @Test
    void garbageFromOneClientDoesNotAffectAnother() throws Exception {
        S server = server();
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client good = new Clients.Client(address(server));
             Clients.Client bad = new Clients.Client(address(server))) {
            assertEchoes(good, "before");
            byte[] garbage = new byte[3 * LIMIT];
            new Random(7).nextBytes(garbage);
            bad.send(garbage);
            bad.socket.shutdownOutput();
            bad.receiveAll();
            assertEchoes(good, "after the garbage");
        }
    }

    @Test
    void aHalfClosingClientGetsItsAnswerAndThenEndOfStream() throws Exception {
        S server = server();
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client good = new Clients.Client(address(server));
             Clients.Client half = new Clients.Client(address(server))) {
            half.send("last words\n");
            half.socket.shutdownOutput();
            assertEquals("last words\n", half.receiveAll(),
                    "a half-closed client must still get the answer to what it sent, then end of stream");
            assertEchoes(good, "unaffected by the half-close");
        }
    }

    @Test
    void aResettingClientDoesNotAffectAnother() throws Exception {
        S server = server();
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client good = new Clients.Client(address(server))) {
            Clients.Client resetting = new Clients.Client(address(server));
            resetting.send("half a line");
            assertEchoes(good, "while another connection is open");
            resetting.reset();
            assertEchoes(good, "after the other one reset");
        }
    }

    @Test
    void aClientThatConnectsAndNeverSendsBlocksNeitherOthersNorTheStop() throws Exception {
        S server = server();
        Entrypoint entrypoint = entrypoint(server).start();
        try (Clients.Client silent = new Clients.Client(address(server));
             Clients.Client good = new Clients.Client(address(server))) {
            assertEchoes(good, "served next to a silent client");
            good.close();
            entrypoint.close();
            assertEquals("", silent.receiveAll(), "the stop closes the silent connection after the grace period");
        } finally {
            entrypoint.close();
        }
        assertEquals(0, connections(server));
    }

    @Test
    void maxConnectionsRefusesExtrasCleanly() throws Exception {
        S server = newLineEcho(TcpServer.Options.defaults().withMaxConnections(2).withLimit(LIMIT));
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client one = new Clients.Client(address(server));
             Clients.Client two = new Clients.Client(address(server))) {
            assertEchoes(one, "one");
            assertEchoes(two, "two");
            for (int i = 0; i < 3; i++) {
                try (Clients.Client extra = new Clients.Client(address(server))) {
                    assertEquals("", extra.send("anyone?\n").receiveAll(),
                            "an extra client must be closed at once, unanswered");
                }
            }
            assertEchoes(one, "the admitted clients are unaffected");
            assertEchoes(two, "still served");
            assertEquals(2, connections(server));
        }
    }

    @Test
    void aLineOverTheLimitClosesThatConnectionOnly() throws Exception {
        S server = server();
        try (Entrypoint ignored = entrypoint(server).start();
             Clients.Client good = new Clients.Client(address(server));
             Clients.Client bad = new Clients.Client(address(server))) {
            byte[] longLine = new byte[LIMIT + 1];
            Arrays.fill(longLine, (byte) 'a');
            bad.send(longLine);
            assertEquals("", bad.receiveAll(), "the overrunning client is disconnected without an answer");
            assertEchoes(good, "still served");
            assertTrue(connections(server) >= 1);
        }
    }
}
