package io.aiomisc;

import static io.aiomisc.JmxNames.published;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.aiomisc.aggregate.Aggregator;
import io.aiomisc.pool.ObjectPool;
import io.aiomisc.resilience.CircuitBreaker;
import io.aiomisc.resilience.Retry;
import io.aiomisc.stats.Publication;
import io.aiomisc.stats.Statistics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Statistics are JMX MBeans while their entrypoint runs, read here through the platform MBean server. */
@Timeout(30)
class StatisticsPublishingTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** A service that builds its helpers in start(), the usual place, so they are published automatically. */
    static final class Backend extends Service {
        volatile Retry retry;

        @Override
        protected void start() throws Exception {
            retry = Retry.builder().name("fetch").maxTries(3).build();
            retry.call(() -> "warm-up");
            CircuitBreaker.builder(0.5, Duration.ofSeconds(1)).name("db").build();
            Aggregator.<Integer, Integer>builder(Duration.ofMillis(5), args -> args).name("users").build();
            ObjectPool.builder(Object::new).name("connections").build();
            Retry.builder().maxTries(2).build(); // unnamed: not published
        }
    }

    /** A service that does nothing, for run-time starts and stops. */
    static final class Idle extends Service {
        private final String name;

        Idle(String name) {
            this.name = name;
        }

        @Override
        protected void start() {
        }

        @Override
        public String name() {
            return name;
        }
    }

    private ObjectName name(Entrypoint entrypoint, String type, String name) {
        return Statistics.objectName(entrypoint, type, name);
    }

    @Test
    void anEntrypointPublishesItsPoolItsServicesAndNamedHelpersWhileItRunsAndWithdrawsThemAtStop() throws Exception {
        Backend backend = new Backend();
        Entrypoint entrypoint = Probe.quiet().poolSize(3).services(backend).start();
        try {
            assertEquals(Set.of("Aggregator/users", "CircuitBreaker/db", "ObjectPool/connections", "Retry/fetch",
                    "Service/Backend", "ThreadPool/" + entrypoint.threadPool().name()), published(entrypoint));

            assertEquals(3, server.getAttribute(name(entrypoint, "ThreadPool", entrypoint.threadPool().name()),
                    "threads"));
            assertEquals("RUNNING", server.getAttribute(name(entrypoint, "Service", "Backend"), "state"));
            assertEquals(1L, server.getAttribute(name(entrypoint, "Retry", "fetch"), "attempts"));
            backend.retry.call(() -> "again");
            assertEquals(2L, server.getAttribute(name(entrypoint, "Retry", "fetch"), "attempts"),
                    "a JMX read must see the live counters");
            assertEquals("PASSING", server.getAttribute(name(entrypoint, "CircuitBreaker", "db"), "state"));
            assertEquals(0, server.getAttribute(name(entrypoint, "ObjectPool", "connections"), "size"));
        } finally {
            entrypoint.close();
        }

        assertEquals(Set.of(), published(entrypoint), "every MBean must be unregistered when the entrypoint stops");
    }

    @Test
    void helpersBuiltOutsideAnEntrypointArePublishedExplicitly() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder(0.5, Duration.ofSeconds(1)).name("payments").build();
        Entrypoint entrypoint = Probe.quiet().start();
        try {
            assertFalse(published(entrypoint).contains("CircuitBreaker/payments"),
                    "a breaker built before the entrypoint existed is not published by itself");

            Publication publication = Statistics.publish(entrypoint, breaker);
            assertTrue(server.isRegistered(publication.objectName()));
            publication.close();
            assertFalse(server.isRegistered(publication.objectName()), "closing a publication withdraws it early");

            Statistics.publish(entrypoint, breaker);
        } finally {
            entrypoint.close();
        }
        assertEquals(Set.of(), published(entrypoint));
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> Statistics.publish(entrypoint, breaker));
        assertTrue(late.getMessage().contains("is not running"), late.getMessage());
    }

    @Test
    void servicesStartedAndStoppedAtRunTimeComeAndGoAndShareNamesSafely() throws Exception {
        try (Entrypoint entrypoint = Probe.quiet().services(new Idle("worker")).start()) {
            Idle second = new Idle("worker");
            entrypoint.startServices(second);
            assertTrue(published(entrypoint).containsAll(Set.of("Service/worker", "Service/worker-2")),
                    "two services of one name must both be published: " + published(entrypoint));

            entrypoint.stopServices(second);
            assertFalse(published(entrypoint).contains("Service/worker-2"),
                    "a service stopped at run time is withdrawn: " + published(entrypoint));
            assertTrue(published(entrypoint).contains("Service/worker"));
        }
    }

    @Test
    void twoEntrypointsPublishSideBySideUnderTheirOwnIds() throws Exception {
        try (Entrypoint first = Probe.quiet().start(); Entrypoint second = Probe.quiet().start()) {
            assertEquals(1, published(first).size());
            assertEquals(1, published(second).size());
            assertFalse(first.id().equals(second.id()));
        }
    }

    @Test
    void theLogBufferIsPublishedWhenTheEntrypointConfiguresLogging() throws Exception {
        PrintStream target = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Entrypoint entrypoint = Entrypoint.builder(name -> null).catchSignals(false).logTarget(target).start();
        try {
            LoggerFactory.getLogger("io.aiomisc.test.app").info("counted");
            Object appended = server.getAttribute(name(entrypoint, "LogBuffer", "log"), "appended");
            assertTrue((Long) appended >= 1, "the log buffer's counters should be readable, got " + appended);
        } finally {
            entrypoint.close();
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
        assertFalse(server.isRegistered(name(entrypoint, "LogBuffer", "log")));
    }
}
