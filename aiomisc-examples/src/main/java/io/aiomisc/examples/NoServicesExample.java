package io.aiomisc.examples;

import io.aiomisc.Entrypoint;

/**
 * Tutorial 1.4, an entrypoint without services: it still configures logging (at INFO) and the thread pool, and
 * {@link Entrypoint#runUntilComplete} runs a body while it is up (aiomisc's {@code loop.run_until_complete}).
 * Logs {@code Started}, then {@code Exiting} a second later, on stderr. {@code scripts/example.sh no-services}.
 */
public final class NoServicesExample {
    private NoServicesExample() {
    }

    /**
     * Runs {@code sleep_and_exit} in an entrypoint without services.
     *
     * @param args ignored
     * @throws Exception if the body or the entrypoint fails
     */
    public static void main(String[] args) throws Exception {
        try (Entrypoint entrypoint = Entrypoint.builder().logLevel("info").start()) {
            entrypoint.runUntilComplete(SleepAndExit::sleepAndExit);
        }
    }
}
