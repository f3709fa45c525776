package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Entrypoint;
import io.aiomisc.schedule.FakeScheduler;
import io.aiomisc.schedule.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PeriodicServiceTest {

    private final FakeScheduler clock = new FakeScheduler();

    static final class Counter extends PeriodicService {
        final AtomicInteger runs = new AtomicInteger();

        Counter(Duration interval, Duration delay, Scheduler scheduler) {
            super(interval, delay, scheduler);
        }

        @Override
        protected void callback() {
            if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("the second run fails");
            }
        }
    }

    @Test
    void runsTheCallbackAfterTheDelayThenEveryIntervalUntilStopped() {
        Counter counter = new Counter(Duration.ofSeconds(10), Duration.ofSeconds(1), clock);
        try (Entrypoint entrypoint = Entrypoints.start(counter)) {
            clock.advance(Duration.ofMillis(999));
            assertEquals(0, counter.runs.get(), "nothing runs before the delay");
            clock.advance(Duration.ofSeconds(21));
            assertEquals(3, counter.runs.get(), "runs at 1 s, 11 s and 21 s");
        }
        clock.advance(Duration.ofMinutes(10));
        assertEquals(3, counter.runs.get(), "nothing runs after the service stopped");
        assertEquals(0, clock.pending(), "no timer is left behind");
        assertEquals(1, counter.statistics().failed(), "the failing run is counted, and the schedule went on");
    }

    @Test
    void stopInterruptsARunningCallbackAndWaitsForIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        PeriodicService blocking = new PeriodicService(Duration.ofHours(1)) {
            @Override
            protected void callback() {
                running.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        };
        Entrypoint entrypoint = Entrypoints.start(blocking);
        running.await();
        entrypoint.close();
        assertTrue(interrupted.get(), "stopping the service interrupts the running callback");
    }

    @Test
    void canRunAgainInASecondEntrypoint() {
        Counter counter = new Counter(Duration.ofSeconds(1), Duration.ZERO, clock);
        try (Entrypoint first = Entrypoints.start(counter)) {
            clock.runDue();
        }
        try (Entrypoint second = Entrypoints.start(counter)) {
            clock.runDue();
        }
        assertEquals(2, counter.runs.get(), "the schedule restarts with the service");
    }

    @Test
    void aZeroIntervalOrNegativeDelayIsRejectedWithTheValue() {
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> new Counter(Duration.ZERO, Duration.ZERO, clock));
        assertEquals("interval must be > 0, was PT0S", interval.getMessage());
        IllegalArgumentException delay = assertThrows(IllegalArgumentException.class,
                () -> new Counter(Duration.ofSeconds(1), Duration.ofSeconds(-2), clock));
        assertEquals("delay must be >= 0, was PT-2S", delay.getMessage());
    }

    @Test
    void toStringShowsIntervalAndDelay() {
        assertEquals("Counter[NEW, interval=PT5S, delay=PT1S]",
                new Counter(Duration.ofSeconds(5), Duration.ofSeconds(1), clock).toString());
    }
}
