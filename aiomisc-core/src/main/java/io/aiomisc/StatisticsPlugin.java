package io.aiomisc;

import io.aiomisc.log.LogHandle;
import io.aiomisc.spi.EntrypointPlugin;
import io.aiomisc.stats.Measured;
import io.aiomisc.stats.Publication;
import io.aiomisc.stats.ServiceStatistics;
import io.aiomisc.stats.internal.StatisticsRegistry;
import io.aiomisc.threads.ThreadPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in plugin that publishes an entrypoint's statistics as JMX MBeans (see
 * {@link io.aiomisc.stats.Statistics}): it opens the entrypoint's registry and publishes the thread pool, the
 * log buffer and the services at the first PRE_START, publishes services started later, withdraws services
 * stopped at run time, and closes the registry at the final POST_STOP. A service that is also {@link Measured}
 * (a network server) gets a second MBean of its own type under the same unique name, published and withdrawn with
 * its {@code type=Service} one. It never fails a hook: JMX trouble is logged.
 */
final class StatisticsPlugin implements EntrypointPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(StatisticsPlugin.class);

    private final Lifecycle lifecycle;
    private final Resources resources;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Service, List<Publication>> services = new IdentityHashMap<>(); // guarded by lock
    private final Map<String, Integer> serviceNames = new HashMap<>(); // guarded by lock
    private StatisticsRegistry registry; // guarded by lock

    private StatisticsPlugin(Lifecycle lifecycle, Resources resources) {
        this.lifecycle = lifecycle;
        this.resources = resources;
    }

    /** The plugins of an entrypoint: this built-in one first (also when discovery is off), then {@code found}. */
    static List<EntrypointPlugin> withBuiltIn(Lifecycle lifecycle, Resources resources, List<EntrypointPlugin> found) {
        List<EntrypointPlugin> plugins = new ArrayList<>(found.size() + 1);
        plugins.add(new StatisticsPlugin(lifecycle, resources));
        plugins.addAll(found);
        return plugins;
    }

    @Override
    public void preStart(LifecycleEvent event) {
        lock.lock();
        try {
            if (registry == null) {
                registry = StatisticsRegistry.open(lifecycle.id());
                ThreadPool pool = resources.pool();
                if (pool != null) {
                    publish("ThreadPool", pool.name(), pool::statistics);
                }
                LogHandle log = resources.logHandle();
                if (log != null) {
                    publish("LogBuffer", "log", log::statistics);
                }
            }
            for (Service service : event.services()) {
                publishService(service);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot publish the statistics of {} over JMX", lifecycle.id(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void postStop(LifecycleEvent event) {
        lock.lock();
        try {
            if (registry == null) {
                return;
            }
            if (lifecycle.state() == Entrypoint.State.RUNNING) {
                for (Service service : event.services()) {
                    List<Publication> publications = services.remove(service);
                    if (publications != null) {
                        publications.forEach(Publication::close);
                    }
                }
                return;
            }
            registry.close();
            services.clear();
        } finally {
            lock.unlock();
        }
    }

    private void publishService(Service service) {
        String name = uniqueName(service);
        List<Publication> publications = new ArrayList<>(2);
        Publication state = publish("Service", name, () -> new ServiceStatistics(service.state().name(),
                service.phase(), service.getClass().getName()));
        if (state != null) {
            publications.add(state);
        }
        // Service.name() is also Measured.name(); the unique name is used instead, so two servers of one name
        // stay apart here as they do under type=Service.
        if (service instanceof Measured measured) {
            Publication counters = publish(StatisticsRegistry.typeOf(measured.getClass()), name,
                    measured::statistics);
            if (counters != null) {
                publications.add(counters);
            }
        }
        services.put(service, publications);
    }

    private Publication publish(String type, String name, Supplier<? extends Record> statistics) {
        try {
            return registry.publish(type, name, statistics);
        } catch (RuntimeException e) {
            LOG.warn("Cannot publish {} {} of {} over JMX", type, name, lifecycle.id(), e);
            return null;
        }
    }

    /** Services often share a class name: the second "Worker" is published as "Worker-2". */
    private String uniqueName(Service service) {
        String name = service.name();
        int seen = serviceNames.merge(name, 1, Integer::sum);
        return seen == 1 ? name : name + "-" + seen;
    }
}
