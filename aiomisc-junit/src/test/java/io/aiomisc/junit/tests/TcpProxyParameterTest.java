package io.aiomisc.junit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Proxy;
import io.aiomisc.junit.Services;
import io.aiomisc.services.tcp.TcpProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A user's test of a TCP service through an injected {@link TcpProxy}. */
@AiomiscTest
@Timeout(60)
class TcpProxyParameterTest {
    private EchoServer echo;
    private TcpProxy fromBeforeEach;

    @Services
    Service echo() {
        echo = new EchoServer();
        return echo;
    }

    @BeforeEach
    void remember(@Proxy(name = "echo") TcpProxy proxy) {
        fromBeforeEach = proxy;
    }

    @Test
    void linesSentThroughTheProxyComeBackFromTheService(@Proxy(service = EchoServer.class) TcpProxy proxy)
            throws IOException {
        assertEquals(Service.State.RUNNING, proxy.state(), "the injected proxy should be running");
        assertNotEquals(echo.localAddress().getPort(), proxy.localAddress().getPort(),
                "the client should talk to the proxy, not the service");
        try (Socket socket = connect(proxy)) {
            send(socket, "hello");
            assertEquals("hello", reader(socket).readLine(), "the echo did not come back through the proxy");
        }
    }

    @Test
    void disconnectAllMakesTheClientReadEndOfStream(@Proxy(name = "echo") TcpProxy proxy) throws IOException {
        try (Socket socket = connect(proxy)) {
            BufferedReader in = reader(socket);
            send(socket, "ping");
            assertEquals("ping", in.readLine(), "the echo did not come back through the proxy");
            proxy.disconnectAll();
            assertNull(in.readLine(), "the client should read end of stream after disconnectAll()");
        }
    }

    @Test
    void theByteCountersCountWhatPassedInEachDirection(@Proxy(name = "echo") TcpProxy proxy) throws IOException {
        try (Socket socket = connect(proxy)) {
            send(socket, "twelve bytes");
            assertEquals("twelve bytes", reader(socket).readLine(), "the echo did not come back through the proxy");
        }
        assertEquals(13, proxy.bytes(TcpProxy.Direction.CLIENT_TO_SERVER), "bytes from the client miscounted");
        // The echo was read by the client, so the proxy has handed it on already.
        assertEquals(13, proxy.bytes(TcpProxy.Direction.SERVER_TO_CLIENT), "bytes from the service miscounted");
    }

    @Test
    void oneTestGetsOneProxyPerTargetAndItRunsInTheTestsEntrypoint(@Proxy(name = "echo") TcpProxy byName,
            @Proxy(service = EchoServer.class) TcpProxy byClass, Entrypoint entrypoint) {
        assertSame(fromBeforeEach, byName, "@BeforeEach and the test should share the proxy of one target name");
        assertNotEquals(byName, byClass, "naming by class and by name is documented to give separate proxies");
        assertTrue(entrypoint.services().contains(byName), "the proxy should be a service of the test's entrypoint");
    }

    private static Socket connect(TcpProxy proxy) throws IOException {
        InetSocketAddress address = proxy.localAddress();
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void send(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }
}
