package io.aiomisc.services.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TlsChannelTest {

    @Test
    void aPeerThatTricklesItsHandshakeIsCutOffAfterTheTimeoutInAll() throws Exception {
        SSLContext context = SSLContext.getDefault();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(),
                    ((InetSocketAddress) listener.getLocalAddress()).getPort());
                 SocketChannel accepted = listener.accept()) {
                // A TLS handshake record announcing 16 KiB, then one byte every 50 ms: each read of the server
                // gets a byte well within any per-read timeout, so only a limit on the whole handshake ends it.
                Thread trickle = Thread.ofVirtual().start(() -> {
                    try {
                        OutputStream out = client.getOutputStream();
                        out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                        while (!Thread.currentThread().isInterrupted()) {
                            out.write(0);
                            out.flush();
                            Thread.sleep(50);
                        }
                    } catch (IOException | InterruptedException stopped) {
                        // the server closed the connection, or the test ended
                    }
                });
                try {
                    TlsChannel tls = TlsChannel.server(accepted, context, context.getDefaultSSLParameters());
                    assertThrows(SocketTimeoutException.class, () -> tls.handshake(Duration.ofMillis(300)),
                            "a handshake that never completes must end after the timeout, however the bytes come");
                } finally {
                    trickle.interrupt();
                    trickle.join();
                }
            }
        }
    }
}
