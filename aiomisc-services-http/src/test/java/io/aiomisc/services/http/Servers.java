package io.aiomisc.services.http;

import io.aiomisc.Entrypoint;

import java.time.Duration;

/** Starts servers in quiet entrypoints for tests. */
final class Servers {
    private Servers() {
    }

    static Entrypoint.Builder entrypoint() {
        return Entrypoint.builder().logConfig(false).catchSignals(false).shutdownTimeout(Duration.ofSeconds(30));
    }

    static Entrypoint start(HttpServer server) {
        return entrypoint().services(server).start();
    }
}
