package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.schedule.FakeScheduler;
import io.aiomisc.testing.ServiceContract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;

/** The core's lifecycle contract, once per service type of this package. */
class ServiceContractsTest {

    private static boolean alive(ProcessService service) {
        return service.pid().stream().mapToObj(ProcessHandle::of)
                .anyMatch(h -> h.map(ProcessHandle::isAlive).orElse(false));
    }

    @Nested
    class Periodic extends ServiceContract<PeriodicService> {
        private final FakeScheduler clock = new FakeScheduler();
        private final AtomicInteger runs = new AtomicInteger();

        @Override
        protected PeriodicService newService() {
            return new PeriodicService(Duration.ofSeconds(1), Duration.ZERO, clock) {
                @Override
                protected void callback() {
                    runs.incrementAndGet();
                }
            };
        }

        @Override
        protected void assertWorking(PeriodicService service) {
            int before = runs.get();
            clock.advance(Duration.ofSeconds(1));
            assertTrue(runs.get() > before, "the callback runs while the service runs");
        }

        @Override
        protected void assertReleased(PeriodicService service) {
            assertEquals(0, clock.pending(), "no timer is left after the stop");
        }
    }

    @Nested
    class Cron extends ServiceContract<CronService> {
        private final FakeScheduler clock = new FakeScheduler();
        private final AtomicInteger runs = new AtomicInteger();

        @Override
        protected CronService newService() {
            return new CronService(clock).register("* * * * *", runs::incrementAndGet);
        }

        @Override
        protected void assertWorking(CronService service) {
            clock.advance(Duration.ofMinutes(1));
            assertEquals(1, runs.get(), "the callback fires on the next minute");
        }

        @Override
        protected void assertReleased(CronService service) {
            assertEquals(0, clock.pending(), "no timer is left after the stop");
        }
    }

    @Nested
    class Process extends ServiceContract<ProcessService> {
        @Override
        protected ProcessService newService() {
            return new ProcessService("sleep", "60");
        }

        @Override
        protected ProcessService newFailingService() {
            return new ProcessService("/nonexistent/aiomisc-test-program");
        }

        @Override
        protected void assertWorking(ProcessService service) {
            assertTrue(alive(service), "the process runs while the service runs");
        }

        @Override
        protected void assertReleased(ProcessService service) {
            assertFalse(alive(service), "the process is gone after the stop");
        }
    }

    @Nested
    class Respawning extends ServiceContract<RespawningProcessService> {
        private final FakeScheduler clock = new FakeScheduler();

        @Override
        protected RespawningProcessService newService() {
            return new RespawningProcessService(ProcessOptions.of("sleep", "60"), Duration.ZERO, clock);
        }

        @Override
        protected RespawningProcessService newFailingService() {
            return new RespawningProcessService(ProcessOptions.of("/nonexistent/aiomisc-test-program"),
                    Duration.ZERO, clock);
        }

        @Override
        protected void assertWorking(RespawningProcessService service) {
            assertTrue(alive(service), "the process runs while the service runs");
        }

        @Override
        protected void assertReleased(RespawningProcessService service) {
            assertFalse(alive(service), "the process is gone after the stop");
            assertEquals(0, clock.pending(), "no respawn is pending after the stop");
        }
    }

    @Nested
    class Graceful extends ServiceContract<GracefulService> {
        @Override
        protected GracefulService newService() {
            return new GracefulService(Duration.ZERO) {
                @Override
                protected void start() throws Exception {
                    super.start();
                    spawn("forever", () -> {
                        new CountDownLatch(1).await();
                        return null;
                    });
                }
            };
        }

        @Override
        protected void assertWorking(GracefulService service) {
            assertEquals(1, service.runningTasks().size(), "the spawned task runs");
        }

        @Override
        protected void assertReleased(GracefulService service) {
            assertEquals(List.of(), service.runningTasks(), "no task is left after the stop");
        }
    }

    @Nested
    class MemoryTracer extends ServiceContract<MemoryTracerService> {
        private final FakeScheduler clock = new FakeScheduler();

        @Override
        protected MemoryTracerService newService() {
            return new MemoryTracerService(Duration.ofSeconds(5), 5, clock);
        }

        @Override
        protected void assertWorking(MemoryTracerService service) {
            clock.advance(Duration.ofSeconds(5));
            assertTrue(service.lastReport().startsWith("memory: heap used"), service.lastReport());
        }

        @Override
        protected void assertReleased(MemoryTracerService service) {
            assertEquals(0, clock.pending(), "no timer is left after the stop");
        }
    }
}
