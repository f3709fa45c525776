package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.schedule.PeriodicCallback;
import io.aiomisc.schedule.RecurringCallback;
import io.aiomisc.service.CronService;
import io.aiomisc.service.PeriodicService;
import io.aiomisc.stats.Statistics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A schedule started while an entrypoint is current publishes its {@code CallbackStatistics} under its own type
 * and name until it ends; one started elsewhere publishes nothing.
 */
@Timeout(30)
class ScheduledCallbackPublishingTest {

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    /** Counts its runs down on a latch. */
    static final class Ticking extends PeriodicService {
        final CountDownLatch runs = new CountDownLatch(2);

        Ticking() {
            super(Duration.ofMillis(1));
        }

        @Override
        protected void callback() {
            runs.countDown();
        }
    }

    @Test
    void aPeriodicServicesScheduleIsPublishedWithLiveCountersAndWithdrawnAtTheStop() throws Exception {
        Ticking ticking = new Ticking();
        ObjectName name;
        try (Entrypoint entrypoint = Probe.quiet().services(ticking).start()) {
            name = Statistics.objectName(entrypoint, "PeriodicCallback", "Ticking");
            assertTrue(ticking.runs.await(10, TimeUnit.SECONDS), "the schedule must run");
            assertTrue(jmx.isRegistered(name), "a running schedule must be published as " + name);
            assertTrue((Long) jmx.getAttribute(name, "calls") >= 2, "JMX must show the runs so far");
            assertTrue((Long) jmx.getAttribute(name, "done") >= 1, "the first run had returned before the second");
            assertEquals(0L, jmx.getAttribute(name, "failed"));
        }
        assertFalse(jmx.isRegistered(name), "the schedule's MBean must be withdrawn when the entrypoint stops");
    }

    @Test
    void aRecurringCallbackStartedInTheMainBodyIsWithdrawnWhenItsLoopEnds() throws Exception {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            ObjectName name = Statistics.objectName(entrypoint, "RecurringCallback", "poll");
            entrypoint.runUntilComplete(() -> {
                RecurringCallback poll = new RecurringCallback("poll", () -> { });
                poll.start(callback -> Duration.ofHours(1));
                assertTrue(jmx.isRegistered(name), "a started loop must be published as " + name);
                poll.stop().get(10, TimeUnit.SECONDS);
                assertFalse(jmx.isRegistered(name), "the MBean must be gone once the stop future completed");
                return null;
            });
        }
    }

    @Test
    void everyEntryOfACronServiceIsPublishedUnderItsName() throws Exception {
        CronService cron = new CronService().register("0 0 1 1 *", () -> { });
        try (Entrypoint entrypoint = Probe.quiet().services(cron).start()) {
            ObjectName name = Statistics.objectName(entrypoint, "CronCallback", "0 0 1 1 *");
            assertTrue(jmx.isRegistered(name), "a cron entry must be published as " + name);
            assertEquals(0L, jmx.getAttribute(name, "calls"), "the yearly entry has not run");
        }
    }

    @Test
    void aScheduleStartedOutsideAnEntrypointIsNotPublished() throws Exception {
        assertTrue(Entrypoint.current().isEmpty(), "precondition: no entrypoint is live in this JVM");
        PeriodicCallback lonely = new PeriodicCallback("lonely-schedule", () -> { });
        lonely.start(Duration.ofHours(1), Duration.ofHours(1));
        try {
            assertEquals(0, jmx.queryNames(new ObjectName("io.aiomisc:name=lonely-schedule,*"), null).size(),
                    "with no current entrypoint there is nowhere to publish");
        } finally {
            lonely.stop().get(10, TimeUnit.SECONDS);
        }
    }
}
