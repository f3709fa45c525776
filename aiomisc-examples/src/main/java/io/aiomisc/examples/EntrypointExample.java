package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import java.time.Duration;

/**
 * Tutorial 1.4, the entrypoint: {@link OrdinaryService} and {@link InfinityService} started concurrently, then
 * {@code loop.run_forever()}, which is {@link Entrypoint#awaitTermination()}. Closing the entrypoint stops every
 * service correctly.
 *
 * <p>In the tutorial only Ctrl+C ends the program; here the infinity service stops the entrypoint after three
 * ticks (Ctrl+C still works before that). {@code scripts/example.sh entrypoint}.
 */
public final class EntrypointExample {
    private EntrypointExample() {
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
                .start()) {
            entrypoint.awaitTermination();
        }
    }
}
