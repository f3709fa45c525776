package io.aiomisc.stats;

import io.aiomisc.Entrypoint;
import io.aiomisc.stats.internal.StatisticsRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes counters as JMX MBeans in the platform MBean server while an entrypoint runs (aiomisc's
 * {@code get_statistics()}, in the form every JVM tool reads).
 *
 * <p>Every running {@link Entrypoint} publishes, without being asked, its thread pool ({@code type=ThreadPool}),
 * its log buffer when it configured logging ({@code type=LogBuffer}) and each of its services
 * ({@code type=Service}), and a service that is itself {@link Measured} (the network servers are) a second time
 * under its own type ({@code type=HttpServer}) and the same name. A {@code Retry}, {@code CircuitBreaker}, {@code Aggregator} or {@code ObjectPool}
 * built with a {@code name(...)} while an entrypoint is {@linkplain Entrypoint#current() current} (in a
 * service's {@code start()}, a dependency factory, the main body, or a thread any of them created) is
 * published to that entrypoint by its {@code build()}. Anything else, including objects built before the
 * entrypoint, is published with {@link #publish(Entrypoint, Measured)}. Every MBean is named
 * {@code io.aiomisc:type=<Type>,entrypoint=<entrypoint id>,name=<name>} and is unregistered when its entrypoint
 * stops. Within one entrypoint, a later publication under a type and name already taken replaces the earlier.
 *
 * <p>Thread-safe; publishing registers with the MBean server and never blocks on anything else.
 */
public final class Statistics {

    private static final Logger LOG = LoggerFactory.getLogger(Statistics.class);

    private Statistics() {
    }

    /**
     * Publishes {@code measured} to {@code entrypoint}, with its class's simple name as the type (see
     * {@link Measured}).
     *
     * @param entrypoint a running entrypoint
     * @param measured   the object to publish
     * @return the publication; {@link Publication#close()} withdraws it early
     * @throws IllegalStateException if the entrypoint is not running, or the MBean server refuses the MBean
     */
    public static Publication publish(Entrypoint entrypoint, Measured measured) {
        Objects.requireNonNull(measured, "measured must not be null");
        return registryOf(entrypoint).publish(measured);
    }

    /**
     * Publishes any statistics record supplier to {@code entrypoint}: the way to publish counters of your own.
     *
     * @param entrypoint a running entrypoint
     * @param type       the MBean type, for example {@code "Cache"}
     * @param name       the name within that type
     * @param statistics supplies a fresh record on every JMX read; must be thread-safe and never block; the
     *                   record class must be public in a package {@code io.aiomisc} can read
     * @return the publication; {@link Publication#close()} withdraws it early
     * @throws IllegalStateException if the entrypoint is not running, or the MBean server refuses the MBean
     */
    public static Publication publish(Entrypoint entrypoint, String type, String name,
                                      Supplier<? extends Record> statistics) {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(statistics, "statistics must not be null");
        return registryOf(entrypoint).publish(type, name, statistics);
    }

    /**
     * Returns the object name an MBean of {@code entrypoint} gets for this type and name.
     *
     * @param entrypoint the entrypoint
     * @param type       the MBean type
     * @param name       the name within that type
     * @return {@code io.aiomisc:type=<type>,entrypoint=<id>,name=<name>}, values quoted where JMX needs it
     */
    public static ObjectName objectName(Entrypoint entrypoint, String type, String name) {
        return StatisticsRegistry.objectName(type, entrypoint.id(), name);
    }

    /**
     * Publishes {@code measured} to the current entrypoint if there is a running one; used by the builders of
     * named helpers. Never throws: a failure to register is logged.
     *
     * @param measured the object to publish
     * @return the publication, or empty if no entrypoint is current or registration failed
     */
    public static Optional<Publication> publishToCurrent(Measured measured) {
        Optional<Entrypoint> current = Entrypoint.current();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Optional<StatisticsRegistry> registry = StatisticsRegistry.of(current.get().id());
        if (registry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(registry.get().publish(measured));
        } catch (RuntimeException e) {
            LOG.warn("Cannot publish the statistics of {} to {}", measured, current.get(), e);
            return Optional.empty();
        }
    }

    private static StatisticsRegistry registryOf(Entrypoint entrypoint) {
        Objects.requireNonNull(entrypoint, "entrypoint must not be null");
        return StatisticsRegistry.of(entrypoint.id()).orElseThrow(() -> new IllegalStateException(
                entrypoint + " is not running: its statistics are not published"));
    }
}
