package io.aiomisc.services.tcp.internal;

import io.aiomisc.services.tcp.UdpServerStatistics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one {@code UdpServer}, owned by the service so that they outlive each start's engine.
 * Thread-safe.
 */
public final class DatagramCounters {
    private final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();

    /** A datagram was read from the socket. */
    public void received() {
        received.increment();
    }

    /** A datagram was read while every handler slot was taken, and dropped. */
    public void dropped() {
        dropped.increment();
    }

    /** A handler threw. */
    public void handlerFailure() {
        handlerFailures.increment();
    }

    /**
     * Returns the counts now.
     *
     * @param running the handlers running now
     * @return a snapshot; the counters are read one after the other, not atomically together
     */
    public UdpServerStatistics snapshot(int running) {
        return new UdpServerStatistics(received.sum(), dropped.sum(), running, handlerFailures.sum());
    }
}
