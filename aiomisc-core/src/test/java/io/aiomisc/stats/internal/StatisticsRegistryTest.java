package io.aiomisc.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.resilience.Retry;
import io.aiomisc.stats.Publication;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class StatisticsRegistryTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** A user's own statistics record: any public record can be published. */
    public record Gauges(long hits, int size, double ratio, boolean healthy, Duration uptime, String mode) {
    }

    @Test
    void publishesARecordsComponentsAsAttributesReadFreshOnEveryAccess() throws Exception {
        AtomicLong hits = new AtomicLong(1);
        try (StatisticsRegistry registry = StatisticsRegistry.open("registry-test-1")) {
            Publication publication = registry.publish("Cache", "users",
                    () -> new Gauges(hits.get(), 3, 0.25, true, Duration.ofMillis(1500), "LRU"));
            ObjectName name = new ObjectName("io.aiomisc:type=Cache,entrypoint=registry-test-1,name=users");
            assertEquals(name, publication.objectName());

            assertEquals(1L, server.getAttribute(name, "hits"));
            hits.set(7);
            assertEquals(7L, server.getAttribute(name, "hits"), "attributes must be read live, not cached");
            assertEquals(3, server.getAttribute(name, "size"));
            assertEquals(0.25, server.getAttribute(name, "ratio"));
            assertEquals(true, server.getAttribute(name, "healthy"));
            assertEquals(1.5, server.getAttribute(name, "uptime"), "durations are published as seconds");
            assertEquals("LRU", server.getAttribute(name, "mode"));
            MBeanAttributeInfo[] attributes = server.getMBeanInfo(name).getAttributes();
            assertEquals(6, attributes.length);
            assertFalse(attributes[0].isWritable());
        }
    }

    @Test
    void publishesAMeasuredObjectUnderItsClassNameAndUnregistersEverythingAtClose() throws Exception {
        Retry retry = Retry.builder().name("db").maxTries(2).build();
        retry.call(() -> "ok");
        ObjectName name;
        try (StatisticsRegistry registry = StatisticsRegistry.open("registry-test-2")) {
            name = registry.publish(retry).objectName();
            assertEquals(new ObjectName("io.aiomisc:type=Retry,entrypoint=registry-test-2,name=db"), name);
            assertEquals(1L, server.getAttribute(name, "attempts"));
            assertTrue(server.isRegistered(name));
        }
        assertFalse(server.isRegistered(name), "closing the registry must unregister its MBeans");
        assertTrue(StatisticsRegistry.of("registry-test-2").isEmpty());
    }

    @Test
    void aLaterPublicationUnderTheSameNameReplacesTheEarlierOne() throws Exception {
        try (StatisticsRegistry registry = StatisticsRegistry.open("registry-test-3")) {
            Publication first = registry.publish("Cache", "users", () -> new Gauges(1, 0, 0, true, Duration.ZERO, ""));
            Publication second = registry.publish("Cache", "users", () -> new Gauges(2, 0, 0, true, Duration.ZERO, ""));

            assertEquals(2L, server.getAttribute(second.objectName(), "hits"));
            first.close();
            assertTrue(server.isRegistered(second.objectName()),
                    "closing a replaced publication must not withdraw its replacement");
            second.close();
            assertFalse(server.isRegistered(second.objectName()));
            assertEquals(0, registry.names().size());
        }
    }

    @Test
    void namesWithCharactersJmxReservesAreQuoted() throws Exception {
        try (StatisticsRegistry registry = StatisticsRegistry.open("registry-test-4")) {
            Publication publication = registry.publish("Cache", "a,b=c:d",
                    () -> new Gauges(5, 0, 0, true, Duration.ZERO, ""));
            assertEquals("a,b=c:d", ObjectName.unquote(publication.objectName().getKeyProperty("name")));
            assertEquals(5L, server.getAttribute(publication.objectName(), "hits"));
        }
    }

    @Test
    void aClosedRegistryRefusesNewPublicationsAndAnOwnerHasOneRegistry() {
        StatisticsRegistry registry = StatisticsRegistry.open("registry-test-5");
        assertThrows(IllegalStateException.class, () -> StatisticsRegistry.open("registry-test-5"));
        registry.close();

        assertThrows(IllegalStateException.class,
                () -> registry.publish("Cache", "late", () -> new Gauges(0, 0, 0, true, Duration.ZERO, "")));
        StatisticsRegistry.open("registry-test-5").close();
    }
}
