package io.aiomisc.services.http.internal;

import io.aiomisc.services.http.HttpServerStatistics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one {@code HttpServer}, owned by the server so that they outlive each start's engine. The
 * per-request path costs two {@link LongAdder} increments ({@link #request()} and {@link #response(int)}): no lock,
 * no allocation once a contended adder has grown its cells, and event loops counting at once do not contend on
 * one cache line for long. Thread-safe.
 */
public final class HttpCounters {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder responses2xx = new LongAdder();
    private final LongAdder responses3xx = new LongAdder();
    private final LongAdder responses4xx = new LongAdder();
    private final LongAdder responses5xx = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder requestTimeouts = new LongAdder();
    private final LongAdder tlsHandshakeFailures = new LongAdder();

    void accepted() {
        accepted.increment();
    }

    void refused() {
        refused.increment();
    }

    void request() {
        requests.increment();
    }

    /** A response with this status (200..599) is handed to the connection to be written. */
    void response(int status) {
        switch (status / 100) {
            case 2 -> responses2xx.increment();
            case 3 -> responses3xx.increment();
            case 4 -> responses4xx.increment();
            default -> responses5xx.increment();
        }
    }

    void handlerFailure() {
        handlerFailures.increment();
    }

    void protocolError() {
        protocolErrors.increment();
    }

    void requestTimeout() {
        requestTimeouts.increment();
    }

    void tlsHandshakeFailure() {
        tlsHandshakeFailures.increment();
    }

    /**
     * Returns the counts now.
     *
     * @param active the admitted connections open now
     * @return a snapshot; the counters are read one after the other, not atomically together
     */
    public HttpServerStatistics snapshot(int active) {
        return new HttpServerStatistics(accepted.sum(), active, refused.sum(), requests.sum(), responses2xx.sum(),
                responses3xx.sum(), responses4xx.sum(), responses5xx.sum(), handlerFailures.sum(),
                protocolErrors.sum(), requestTimeouts.sum(), tlsHandshakeFailures.sum());
    }
}
