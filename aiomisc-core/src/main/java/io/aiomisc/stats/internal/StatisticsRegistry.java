package io.aiomisc.stats.internal;

import io.aiomisc.stats.Measured;
import io.aiomisc.stats.Publication;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MBeans of one owner (an entrypoint, by its id) in the platform MBean server, named
 * {@code io.aiomisc:type=<Type>,entrypoint=<owner>,name=<name>}. Open from the owner's start to its stop;
 * {@link #close()} unregisters everything still published. A later publication under a name already taken
 * replaces the earlier one, so objects rebuilt under the same name never pile up. Thread-safe.
 */
public final class StatisticsRegistry implements AutoCloseable {

    /** The JMX domain of every aiomisc MBean. */
    public static final String DOMAIN = "io.aiomisc";

    private static final Logger LOG = LoggerFactory.getLogger(StatisticsRegistry.class);
    private static final Map<String, StatisticsRegistry> OPEN = new ConcurrentHashMap<>();

    private final String owner;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ObjectName, Entry> published = new LinkedHashMap<>(); // guarded by lock
    private boolean closed; // guarded by lock

    private StatisticsRegistry(String owner) {
        this.owner = owner;
    }

    /**
     * Opens the registry of {@code owner}.
     *
     * @param owner the entrypoint id
     * @return the new registry
     * @throws IllegalStateException if one is already open for that owner
     */
    public static StatisticsRegistry open(String owner) {
        StatisticsRegistry registry = new StatisticsRegistry(Objects.requireNonNull(owner, "owner"));
        if (OPEN.putIfAbsent(owner, registry) != null) {
            throw new IllegalStateException("statistics of " + owner + " are already published");
        }
        return registry;
    }

    /**
     * Returns the open registry of {@code owner}.
     *
     * @param owner the entrypoint id
     * @return the registry, or empty if none is open
     */
    public static Optional<StatisticsRegistry> of(String owner) {
        return Optional.ofNullable(OPEN.get(owner));
    }

    /**
     * Builds the object name of an MBean of this scheme; values are quoted where JMX requires it.
     *
     * @param type  the MBean type
     * @param owner the entrypoint id
     * @param name  the object's name
     * @return the object name
     * @throws IllegalArgumentException if the name cannot be formed
     */
    public static ObjectName objectName(String type, String owner, String name) {
        try {
            return new ObjectName(DOMAIN + ":type=" + value(type) + ",entrypoint=" + value(owner) + ",name="
                    + value(name));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("cannot name the MBean " + type + " " + name + ": " + e.getMessage(),
                    e);
        }
    }

    private static String value(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (",=:\"*?\n".indexOf(raw.charAt(i)) >= 0) {
                return ObjectName.quote(raw);
            }
        }
        return raw;
    }

    /**
     * Returns the MBean type of a {@link Measured} class: its simple name, or for an anonymous class (which has
     * none) the simple name of its nearest named superclass, so {@code new TcpServer(...) { ... }} is a
     * {@code TcpServer}.
     *
     * @param type the class
     * @return a non-empty type name
     */
    public static String typeOf(Class<?> type) {
        Class<?> named = type;
        while (named.getSimpleName().isEmpty() && named.getSuperclass() != null
                && named.getSuperclass() != Object.class) {
            named = named.getSuperclass();
        }
        return named.getSimpleName().isEmpty() ? type.getName() : named.getSimpleName();
    }

    /**
     * Publishes {@code measured} under {@link #typeOf(Class) its class's type name}.
     *
     * @param measured the object
     * @return the publication
     * @throws IllegalStateException if the registry is closed or the MBean server refuses the MBean
     */
    public Publication publish(Measured measured) {
        Objects.requireNonNull(measured, "measured");
        return publish(typeOf(measured.getClass()), measured.name(), measured::statistics);
    }

    /**
     * Publishes a statistics supplier.
     *
     * @param type       the MBean type
     * @param name       the object's name
     * @param statistics supplies a record snapshot; called once now to learn the record's shape
     * @return the publication
     * @throws IllegalStateException if the registry is closed or the MBean server refuses the MBean
     */
    public Publication publish(String type, String name, Supplier<? extends Record> statistics) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Record sample = Objects.requireNonNull(statistics.get(), "statistics supplier returned null");
        ObjectName objectName = objectName(type, owner, name);
        RecordMBean bean = new RecordMBean(sample.getClass(), statistics, type + " " + name + " of " + owner);
        Entry entry = new Entry(this, objectName);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("statistics of " + owner + " are no longer published: it stopped");
            }
            Entry replaced = published.remove(objectName);
            if (replaced != null) {
                LOG.debug("{} replaces an earlier MBean of the same name", objectName);
                unregister(objectName);
            }
            server.registerMBean(bean, objectName);
            published.put(objectName, entry);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the MBean " + objectName + ": " + e, e);
        } finally {
            lock.unlock();
        }
        return entry;
    }

    /** The names of the MBeans published now, in publication order. */
    public List<ObjectName> names() {
        lock.lock();
        try {
            return List.copyOf(published.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** Unregisters every MBean still published and forgets the owner. Idempotent. */
    @Override
    public void close() {
        List<ObjectName> names;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            names = new ArrayList<>(published.keySet());
            published.clear();
            for (ObjectName name : names) {
                unregister(name);
            }
        } finally {
            lock.unlock();
        }
        OPEN.remove(owner, this);
    }

    private void withdraw(Entry entry) {
        lock.lock();
        try {
            if (published.remove(entry.name, entry)) {
                unregister(entry.name);
            }
        } finally {
            lock.unlock();
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it behind our back: the goal is reached.
        } catch (JMException e) {
            LOG.warn("Cannot unregister the MBean {}", name, e);
        }
    }

    @Override
    public String toString() {
        return "StatisticsRegistry[" + owner + "]";
    }

    /** Compared by identity: a replaced publication must never withdraw its replacement. */
    private static final class Entry implements Publication {
        private final StatisticsRegistry registry;
        private final ObjectName name;

        Entry(StatisticsRegistry registry, ObjectName name) {
            this.registry = registry;
            this.name = name;
        }

        @Override
        public ObjectName objectName() {
            return name;
        }

        @Override
        public void close() {
            registry.withdraw(this);
        }

        @Override
        public String toString() {
            return "Publication[" + name + "]";
        }
    }
}
