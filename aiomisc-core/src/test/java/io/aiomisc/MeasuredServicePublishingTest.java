package io.aiomisc;

import static io.aiomisc.JmxNames.published;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.stats.Measured;
import io.aiomisc.stats.Statistics;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service that is also {@link Measured} (as the network servers are) is published by its entrypoint under its
 * own type, with the unique service name, for exactly as long as its {@code type=Service} MBean.
 */
@Timeout(30)
class MeasuredServicePublishingTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** What a {@link Gauge} publishes. */
    public record GaugeStatistics(long hits, String seenState) {
    }

    /** A measured service whose counter the test moves. Service.name() implements Measured.name(). */
    static class Gauge extends Service implements Measured {
        final AtomicLong hits = new AtomicLong();

        @Override
        protected void start() {
        }

        @Override
        public GaugeStatistics statistics() {
            return new GaugeStatistics(hits.get(), state().name());
        }
    }

    private ObjectName gauge(Entrypoint entrypoint, String name) {
        return Statistics.objectName(entrypoint, "Gauge", name);
    }

    @Test
    void aMeasuredServiceIsPublishedUnderItsOwnTypeWithLiveCountersWhileItRunsAndWithdrawnAtTheStop()
            throws Exception {
        Gauge measured = new Gauge();
        Entrypoint entrypoint = Probe.quiet().services(measured).start();
        try {
            assertTrue(published(entrypoint).containsAll(Set.of("Service/Gauge", "Gauge/Gauge")),
                    "a measured service must be published as a Service and under its own type: "
                            + published(entrypoint));
            assertEquals(0L, server.getAttribute(gauge(entrypoint, "Gauge"), "hits"));
            assertEquals("RUNNING", server.getAttribute(gauge(entrypoint, "Gauge"), "seenState"));
            measured.hits.incrementAndGet();
            assertEquals(1L, server.getAttribute(gauge(entrypoint, "Gauge"), "hits"),
                    "a JMX read must see the service's live counters");
        } finally {
            entrypoint.close();
        }
        assertFalse(server.isRegistered(gauge(entrypoint, "Gauge")),
                "the measured service's MBean must be unregistered when the entrypoint stops");
        assertEquals(Set.of(), published(entrypoint));
    }

    @Test
    void aMeasuredServiceStoppedAtRunTimeIsWithdrawnTogetherWithItsServiceMBean() throws Exception {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            Gauge measured = new Gauge();
            entrypoint.startServices(measured);
            assertTrue(server.isRegistered(gauge(entrypoint, "Gauge")),
                    "a measured service started at run time must be published: " + published(entrypoint));

            entrypoint.stopServices(measured);
            assertFalse(server.isRegistered(gauge(entrypoint, "Gauge")),
                    "a measured service stopped at run time must be withdrawn: " + published(entrypoint));
            assertFalse(published(entrypoint).contains("Service/Gauge"));
            assertEquals(1, published(entrypoint).size(), "only the thread pool is left: " + published(entrypoint));
        }
    }

    @Test
    void twoMeasuredServicesOfOneNameArePublishedUnderTheirUniqueServiceNames() throws Exception {
        Gauge first = new Gauge();
        Gauge second = new Gauge();
        try (Entrypoint entrypoint = Probe.quiet().services(first, second).start()) {
            assertTrue(published(entrypoint).containsAll(Set.of("Service/Gauge", "Service/Gauge-2", "Gauge/Gauge",
                    "Gauge/Gauge-2")), "each measured service needs its own MBean: " + published(entrypoint));
            first.hits.incrementAndGet();
            second.hits.addAndGet(2);
            long one = (Long) server.getAttribute(gauge(entrypoint, "Gauge"), "hits");
            long two = (Long) server.getAttribute(gauge(entrypoint, "Gauge-2"), "hits");
            assertEquals(Set.of(1L, 2L), Set.of(one, two), "the two MBeans must read the two services' counters");
        }
    }

    @Test
    void anAnonymousMeasuredServiceTakesItsNamedSuperclassAsItsType() throws Exception {
        Gauge anonymous = new Gauge() {
            @Override
            public String name() {
                return "inline";
            }
        };
        try (Entrypoint entrypoint = Probe.quiet().services(anonymous).start()) {
            assertTrue(server.isRegistered(gauge(entrypoint, "inline")),
                    "an anonymous subclass has no simple name; it must be published as a Gauge: "
                            + published(entrypoint));
        }
    }
}
