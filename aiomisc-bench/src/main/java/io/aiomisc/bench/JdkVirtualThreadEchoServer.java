package io.aiomisc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Reference: a plain JDK {@link ServerSocket} echo with one virtual thread per connection, no framing and no
 * buffering of ours — the ceiling for any stream API on JDK sockets.
 */
final class JdkVirtualThreadEchoServer implements TcpBenchServer.Running {
    private final ServerSocket listener;
    private final Thread acceptor;

    JdkVirtualThreadEchoServer() throws IOException {
        listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> echo(socket));
            }
        } catch (IOException closed) {
            // The listener was closed: the server is stopping.
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException gone) {
            // The client went away.
        }
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join();
    }
}
