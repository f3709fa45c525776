package io.aiomisc.spi;

import io.aiomisc.LifecycleEvent;

/**
 * A plugin called at every entrypoint's lifecycle hooks: the Java form of aiomisc's plugin entry points.
 *
 * <p>Plugins are found with {@link java.util.ServiceLoader}: declare {@code provides
 * io.aiomisc.spi.EntrypointPlugin with ...} in a module, or list the class in
 * {@code META-INF/services/io.aiomisc.spi.EntrypointPlugin} on the class path. Each entrypoint gets its own
 * instance (a public no-argument constructor is required). Setting the environment variable
 * {@code AIOMISC_NO_PLUGINS} to any non-empty value disables discovery, as in aiomisc.
 *
 * <p>At each hook, the process-wide receivers ({@code Entrypoint.PRE_START} etc.) run first, then plugins in
 * discovery order, then the entrypoint's own receivers. A hook that throws is reported like a failing service:
 * in {@code PRE_START} or {@code POST_START} it fails the start; in {@code PRE_STOP} or {@code POST_STOP} it is
 * logged and reported, and the stop goes on. Every method is called on the thread that starts or stops the
 * services and may block it; the default implementations do nothing.
 */
public interface EntrypointPlugin {

    /**
     * Called before the services in the event start.
     *
     * @param event the entrypoint and the services about to start
     * @throws Exception to fail the start
     */
    default void preStart(LifecycleEvent event) throws Exception {
    }

    /**
     * Called after every service in the event has started.
     *
     * @param event the entrypoint and the services that started
     * @throws Exception to fail the start (the services are stopped again)
     */
    default void postStart(LifecycleEvent event) throws Exception {
    }

    /**
     * Called before the services in the event stop.
     *
     * @param event the entrypoint and the services about to stop
     * @throws Exception reported; the stop goes on
     */
    default void preStop(LifecycleEvent event) throws Exception {
    }

    /**
     * Called after the services in the event stopped (also after a failed start, to undo {@link #preStart}).
     *
     * @param event the entrypoint and the services that stopped
     * @throws Exception reported; the stop goes on
     */
    default void postStop(LifecycleEvent event) throws Exception {
    }
}
