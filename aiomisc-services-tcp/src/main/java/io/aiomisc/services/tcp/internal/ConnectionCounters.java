package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.TcpServerStatistics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one TCP server service ({@code TcpServer}, {@code RawTcpServer}), owned by the service so that
 * they outlive each start's engine. Each event is counted once: at most once per connection for {@code TcpServer},
 * and for {@code RawTcpServer} once per exception that reaches the end of a pipeline (a pipeline that keeps
 * failing without closing counts each time); never per read or write that goes well. {@link LongAdder}s, so
 * connections on many threads or event loops do not contend. Thread-safe.
 */
public final class ConnectionCounters {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    private final LongAdder peerResets = new LongAdder();
    private final LongAdder tlsHandshakeFailures = new LongAdder();

    /** A connection was admitted. */
    public void accepted() {
        accepted.increment();
    }

    /** A connection was closed at once: {@code maxConnections} are open. */
    public void refused() {
        refused.increment();
    }

    /** A handler (or pipeline) failed with an error of its own. */
    public void handlerFailure() {
        handlerFailures.increment();
    }

    /** A connection ended because its socket broke: the peer reset it or the network dropped it. */
    public void peerReset() {
        peerResets.increment();
    }

    /** An accepted connection was dropped because its TLS handshake did not complete. */
    public void tlsHandshakeFailure() {
        tlsHandshakeFailures.increment();
    }

    /**
     * Returns the counts now.
     *
     * @param active the connections open now
     * @return a snapshot; the counters are read one after the other, not atomically together
     */
    public TcpServerStatistics snapshot(int active) {
        return new TcpServerStatistics(accepted.sum(), active, refused.sum(), handlerFailures.sum(),
                peerResets.sum(), tlsHandshakeFailures.sum());
    }
}
