package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;

/**
 * Tutorial 1.1, the second service mode: {@code start()} returns once the service is up and {@link #stop(Throwable)}
 * undoes it; each runs once.
 *
 * <p>Run alone with {@code scripts/example.sh ordinary-service}: prints {@code OrdinaryService started}, then
 * {@code OrdinaryService stopped}.
 */
public final class OrdinaryService extends Service {
    /** Creates the service. */
    public OrdinaryService() {
    }

    /** Does some stuff, once; returning means the service has started. */
    @Override
    protected void start() {
        System.out.println("OrdinaryService started");
    }

    /**
     * Undoes what {@link #start()} did, once.
     *
     * @param cause null on a normal stop, else why the entrypoint stops
     */
    @Override
    protected void stop(Throwable cause) {
        System.out.println("OrdinaryService stopped");
    }

    /**
     * Starts an entrypoint with this service alone and stops it at once.
     *
     * @param args ignored
     * @throws Exception if the entrypoint fails to start or stop
     */
    public static void main(String[] args) throws Exception {
        Entrypoint.run(() -> null, new OrdinaryService());
    }
}
