package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking test client with a read timeout, so that a broken server fails a test instead of hanging it. */
final class Peer implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Peer(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 10_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Peer send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    Peer send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    byte[] receive(int n) throws IOException {
        return in.readNBytes(n);
    }

    String receive(String expectedShape) throws IOException {
        return new String(in.readNBytes(expectedShape.getBytes(StandardCharsets.UTF_8).length),
                StandardCharsets.UTF_8);
    }

    /** Reads until end of stream and returns what came; a reset counts as the end. */
    byte[] receiveAll() throws IOException {
        try {
            return in.readAllBytes();
        } catch (java.net.SocketException reset) {
            return new byte[0];
        }
    }

    /** Closes with SO_LINGER 0, which sends a TCP reset instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
