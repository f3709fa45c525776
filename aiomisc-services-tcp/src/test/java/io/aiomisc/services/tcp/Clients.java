package io.aiomisc.services.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Blocking test clients with timeouts, and checks on what a stopped server left behind. */
final class Clients {
    private Clients() {
    }

    /** A connected client whose reads time out after 10 s instead of hanging a broken test. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Client(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, 10_000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        Client send(String text) throws IOException {
            return send(text.getBytes(StandardCharsets.UTF_8));
        }

        Client send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** Reads as many bytes as {@code expected} has and returns them as text. */
        String receiveLike(String expected) throws IOException {
            return new String(in.readNBytes(expected.getBytes(StandardCharsets.UTF_8).length),
                    StandardCharsets.UTF_8);
        }

        /** Reads until end of stream; a reset counts as the end. */
        String receiveAll() throws IOException {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (SocketException reset) {
                return "";
            }
        }

        /** Closes with SO_LINGER 0: the server sees a TCP reset. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Sends a line and asserts the echo comes back. */
    static void assertEchoes(Client client, String line) throws IOException {
        String expected = line + "\n";
        String answer = client.send(expected).receiveLike(expected);
        if (!answer.equals(expected)) {
            throw new AssertionError("the server must echo '" + line + "', answered '" + answer + "'");
        }
    }

    /** Asserts that nothing listens on the port any more and that it can be bound again. */
    static void assertPortFree(InetSocketAddress address) throws IOException {
        try (Socket ignored = new Socket(address.getAddress(), address.getPort())) {
            throw new AssertionError("something still accepts connections on " + address + " after the stop");
        } catch (ConnectException refused) {
            // Expected: nothing listens.
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(address);
        }
    }
}
