package io.aiomisc;

import java.util.List;
import java.util.Objects;

/**
 * What a lifecycle hook receives: the entrypoint and the services being started or stopped (all of them, or
 * the subset given to {@link Entrypoint#startServices} / {@link Entrypoint#stopServices}), aiomisc's
 * {@code entrypoint=} and {@code services=} arguments.
 *
 * @param entrypoint the entrypoint
 * @param services   the services being started or stopped, in the order they were given; immutable
 */
public record LifecycleEvent(Entrypoint entrypoint, List<Service> services) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if an argument is null
     */
    public LifecycleEvent {
        Objects.requireNonNull(entrypoint, "entrypoint");
        services = List.copyOf(services);
    }
}
