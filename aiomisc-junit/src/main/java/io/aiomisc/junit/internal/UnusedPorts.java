package io.aiomisc.junit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out free loopback TCP ports, each at most once per JVM. A port is found by binding a plain (never
 * listening) socket to port 0 and closing it at once: a helper that kept a listening socket would take connections
 * meant for the server under test.
 *
 * <p>Thread-safe.
 */
final class UnusedPorts {
    private static final int ATTEMPTS = 1000;
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    private UnusedPorts() {
    }

    /**
     * Returns a port that was free a moment ago and that this method has not returned before.
     *
     * @return the port
     * @throws UncheckedIOException  if no socket can be bound on the loopback interface
     * @throws IllegalStateException if the operating system keeps offering ports already handed out
     */
    static int take() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(loopback, 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a socket on " + loopback + " to find an unused port", e);
            }
            if (ISSUED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unused port on " + loopback + " after " + ATTEMPTS
                + " attempts; " + ISSUED.size() + " ports were handed out already");
    }
}
