package io.aiomisc.services.tcp.internal;

import org.slf4j.Logger;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The log lines a server writes about its connections, in one place so that every server words them alike.
 * Refusals are logged at WARN once per saturation (then at DEBUG until a connection is admitted again), so a
 * flood of connections cannot flood the log.
 */
public final class ConnectionLog {
    private final Logger log;
    private final String name;
    private final int maxConnections;
    private final AtomicBoolean saturated = new AtomicBoolean();

    /**
     * Creates the log for one server.
     *
     * @param log            where to write
     * @param name           the server's name, the first word of every line
     * @param maxConnections the limit, quoted in refusals
     */
    public ConnectionLog(Logger log, String name, int maxConnections) {
        this.log = log;
        this.name = name;
        this.maxConnections = maxConnections;
    }

    /** A connection was admitted: the next refusal is news again. */
    public void admitted() {
        if (saturated.get()) {
            saturated.set(false);
        }
    }

    /**
     * A connection was closed at once because the server is full.
     *
     * @param remote the peer
     */
    public void refused(SocketAddress remote) {
        if (saturated.compareAndSet(false, true)) {
            log.warn("{}: maxConnections={} reached, refusing connections (first: {}); logged once until one is "
                    + "admitted again", name, maxConnections, remote);
        } else {
            log.debug("{}: refused connection from {}: maxConnections={} reached", name, remote, maxConnections);
        }
    }

    /**
     * A handler ended with an exception: I/O errors are logged at WARN in one line, anything else at ERROR with
     * its stack, and errors caused by the server's own close at stop only at DEBUG. (A socket the peer broke is
     * {@link #droppedByPeer}.)
     *
     * @param remote        the peer
     * @param closedByStop  whether the server had closed the connection because it was stopping
     * @param error         what the handler threw
     */
    public void handlerFailed(SocketAddress remote, boolean closedByStop, Throwable error) {
        if (closedByStop) {
            log.debug("{}: handler for {} ended after the stop closed its connection: {}", name, remote,
                    error.toString());
        } else if (error instanceof IOException) {
            log.warn("{}: connection from {} failed: {}", name, remote, error.toString());
        } else {
            log.error("{}: handler for {} failed; its connection is closed", name, remote, error);
        }
    }

    /**
     * A connection ended because its socket broke (the peer reset it, or the network dropped it): normal network
     * life, so DEBUG only.
     *
     * @param remote the peer
     * @param error  the socket's error, as the handler let it out
     */
    public void droppedByPeer(SocketAddress remote, Throwable error) {
        log.debug("{}: connection from {} was dropped by the peer or the network: {}", name, remote,
                error.toString());
    }

    /**
     * The stop was interrupted while handler threads were still running: log where each one is stuck.
     *
     * @param threads the handler threads still alive
     */
    public void stuck(List<Thread> threads) {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                log.warn("{}: handler thread {} did not end after its connection was closed and it was "
                        + "interrupted; it is stuck at:\n\t{}", name, thread,
                        Arrays.stream(thread.getStackTrace()).map(String::valueOf)
                                .collect(Collectors.joining("\n\t")));
            }
        }
    }
}
