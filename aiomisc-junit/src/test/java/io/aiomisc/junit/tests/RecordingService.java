package io.aiomisc.junit.tests;

import io.aiomisc.Service;
import java.util.concurrent.atomic.AtomicInteger;

/** A service that counts its starts and stops, and can be told to fail either. */
final class RecordingService extends Service {
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    private final int port;
    private final RuntimeException startFailure;
    private final RuntimeException stopFailure;

    RecordingService() {
        this(0, null, null);
    }

    RecordingService(int port) {
        this(port, null, null);
    }

    private RecordingService(int port, RuntimeException startFailure, RuntimeException stopFailure) {
        this.port = port;
        this.startFailure = startFailure;
        this.stopFailure = stopFailure;
    }

    static RecordingService failingToStart(String message) {
        return new RecordingService(0, new IllegalStateException(message), null);
    }

    static RecordingService failingToStop(String message) {
        return new RecordingService(0, null, new IllegalStateException(message));
    }

    int port() {
        return port;
    }

    @Override
    protected void start() {
        starts.incrementAndGet();
        if (startFailure != null) {
            throw startFailure;
        }
    }

    @Override
    protected void stop(Throwable cause) {
        stops.incrementAndGet();
        if (stopFailure != null) {
            throw stopFailure;
        }
    }
}
