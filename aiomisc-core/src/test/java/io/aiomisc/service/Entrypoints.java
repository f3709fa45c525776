package io.aiomisc.service;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;

/** Entrypoints for tests: no logging set-up and no signal handlers. */
final class Entrypoints {
    private Entrypoints() {
    }

    static Entrypoint start(Service... services) {
        return Entrypoint.builder().logConfig(false).catchSignals(false).services(services).start();
    }
}
