package io.aiomisc.junit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import io.aiomisc.Context;
import io.aiomisc.Entrypoint;
import io.aiomisc.Key;
import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Services;
import io.aiomisc.junit.UnusedPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The extension as a user meets it: services started around each test, parameters injected. */
@AiomiscTest
@Timeout(30)
class AiomiscTestUsageTest {
    private static final Key<String> GREETING = Key.of("greeting", String.class);

    private RecordingService server;
    private final RecordingService worker = new RecordingService();
    private Entrypoint seenBeforeEach;

    @Services
    List<Service> services(@UnusedPort("server") int port) {
        server = new RecordingService(port);
        return List.of(server, worker);
    }

    @BeforeEach
    void rememberTheEntrypoint(Entrypoint entrypoint) {
        seenBeforeEach = entrypoint;
    }

    @Test
    void theServicesOfTheServicesMethodRunDuringTheTest(Entrypoint entrypoint) {
        assertEquals(Entrypoint.State.RUNNING, entrypoint.state(), "the entrypoint is not running during the test");
        assertEquals(List.of(server, worker), entrypoint.services(), "the entrypoint does not run the @Services");
        assertEquals(Service.State.RUNNING, server.state(), "the server did not start before the test");
        assertEquals(1, worker.starts.get(), "the worker was not started exactly once");
        assertEquals(0, worker.stops.get(), "the worker was stopped before the test ended");
    }

    @Test
    void beforeEachMethodsSeeTheSameEntrypointAsTheTest(Entrypoint entrypoint) {
        assertSame(entrypoint, seenBeforeEach, "@BeforeEach and the test got different entrypoints");
    }

    @Test
    void theContextParameterIsTheEntrypointsContext(Entrypoint entrypoint, Context context) throws Exception {
        assertSame(entrypoint.context(), context, "the Context parameter is not the running entrypoint's");
        context.put(GREETING, "hello");
        assertEquals("hello", entrypoint.context().await(GREETING), "a value put in the context was not seen");
    }

    @Test
    void theEntrypointLeavesTheTestsLoggingSetUpAlone() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertTrue(logback.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR") != null,
                "the entrypoint replaced logback-test.xml's appender although logConfig is false by default");
    }

    @Test
    void everyUnnamedPortIsDifferentAndFreeToBind(@UnusedPort int first, @UnusedPort int second) throws IOException {
        assertNotEquals(first, second, "two @UnusedPort parameters got the same port");
        for (int port : new int[] {first, second}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertEquals(port, socket.getLocalPort(), "the unused port could not be bound");
            }
        }
    }

    @Test
    void aNamedPortIsTheSameInTheServicesMethodAndTheTest(@UnusedPort("server") int port, @UnusedPort int other) {
        assertEquals(server.port(), port, "@UnusedPort(\"server\") differs between @Services and the test");
        assertNotEquals(port, other, "an unnamed port repeated a named one");
        assertTrue(port > 0 && port < 65536, "not a TCP port: " + port);
    }
}
