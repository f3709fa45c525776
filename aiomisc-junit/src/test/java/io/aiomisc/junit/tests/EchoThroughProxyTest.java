package io.aiomisc.junit.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Proxy;
import io.aiomisc.junit.Services;
import io.aiomisc.services.tcp.TcpProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import org.junit.jupiter.api.Test;

// docs/junit.md quotes the region between the tag comments (scripts/docs-sync.sh).
// tag::proxy[]
@AiomiscTest
class EchoThroughProxyTest {
    @Services
    Service echo() {
        return new EchoServer();                 // a TcpServer bound to 127.0.0.1:0, name() "echo"
    }

    @Test
    void echoes(@Proxy(name = "echo") TcpProxy proxy) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.localAddress().getPort())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            socket.getOutputStream().write("hello\n".getBytes(UTF_8));
            assertEquals("hello", in.readLine(), "the echo did not come back through the proxy");
            proxy.disconnectAll();               // the client reads end of stream
            assertNull(in.readLine(), "the client should read end of stream after disconnectAll()");
        }
    }
}
// end::proxy[]
