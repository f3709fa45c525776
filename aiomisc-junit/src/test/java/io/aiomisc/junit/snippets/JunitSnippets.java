package io.aiomisc.junit.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Proxy;
import io.aiomisc.junit.Services;
import io.aiomisc.services.tcp.TcpConnection;
import io.aiomisc.services.tcp.TcpProxy;
import io.aiomisc.services.tcp.TcpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The second code block of docs/junit.md, which quotes the region between the tag comments (scripts/docs-sync.sh);
 * the first quotes {@code io.aiomisc.junit.tests.GreeterTest}. Compiled, not run: the test class is local, and
 * surefire leaves such classes out.
 */
final class JunitSnippets {
    private JunitSnippets() {
    }

    /** Echoes every line back, on an unused loopback port. */
    static final class EchoServer extends TcpServer {
        EchoServer() {
            super("127.0.0.1", 0);
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        protected void handleClient(TcpConnection connection) throws IOException {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write((line + "\n").getBytes(UTF_8));
            }
        }
    }

    static Class<?> echoThroughProxy() {
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
        return EchoThroughProxyTest.class;
    }
}
