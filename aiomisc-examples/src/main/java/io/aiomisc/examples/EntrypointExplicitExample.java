package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.log.LogFormat;
import java.time.Duration;

/**
 * Tutorial 1.4, the same entrypoint with the tutorial's parameters spelled out: a pool of four threads, a coloured
 * logger at INFO with buffered output, and the services. Python's {@code policy=} has no Java counterpart (there is
 * no event loop to choose); the Java-only options are given at their defaults. {@code scripts/example.sh
 * entrypoint-explicit}.
 */
public final class EntrypointExplicitExample {
    private EntrypointExplicitExample() {
    }

    /**
     * Runs both services until the entrypoint stops.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the stop
     */
    public static void main(String[] args) throws InterruptedException {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new OrdinaryService(), new InfinityService(Duration.ofMillis(100), 3))
                .poolSize(4)
                .logLevel("info")
                .logFormat(LogFormat.COLOR)
                .logBuffering(true)
                .logBufferSize(1024)
                .logFlushInterval(Duration.ofMillis(200))
                .logConfig(true)
                .debug(false)
                .shutdownTimeout(Duration.ofSeconds(60))
                .catchSignals(true)
                .start()) {
            entrypoint.awaitTermination();
        }
    }
}
