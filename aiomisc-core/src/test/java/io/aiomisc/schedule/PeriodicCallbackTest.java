package io.aiomisc.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PeriodicCallbackTest {

    private final FakeScheduler clock = new FakeScheduler();
    private final List<Instant> runs = new ArrayList<>();

    private PeriodicCallback recording() {
        return new PeriodicCallback("tick", () -> runs.add(clock.now()), clock);
    }

    private Instant at(double seconds) {
        return FakeScheduler.DEFAULT_START.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void firstRunsAfterTheDelayThenEveryInterval() {
        PeriodicCallback cb = recording();
        cb.start(Duration.ofSeconds(10), Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(4999));
        assertEquals(List.of(), runs, "nothing runs before the delay");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(at(5)), runs, "the first run comes after the delay");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(at(5), at(15), at(25)), runs, "then one run per interval");
    }

    @Test
    void withoutADelayTheFirstRunIsImmediate() {
        recording().start(Duration.ofSeconds(1));
        clock.runDue();
        assertEquals(List.of(at(0)), runs);
    }

    @Test
    void theIntervalIsMeasuredFromTheEndOfARunSoRunsNeverOverlap() {
        // aiomisc's test_long_func: a 0.5 s callback at a 0.1 s interval runs twice in 1 s
        PeriodicCallback cb = new PeriodicCallback("long", () -> {
            runs.add(clock.now());
            clock.elapse(Duration.ofMillis(500));
        }, clock);
        cb.start(Duration.ofMillis(100));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(at(0), at(0.6)), runs, "each run starts one interval after the previous one ended");
        assertEquals(2, cb.statistics().calls());
    }

    @Test
    void anExceptionInARunIsCountedAndTheScheduleGoesOn() {
        PeriodicCallback cb = new PeriodicCallback("failing", () -> {
            runs.add(clock.now());
            throw new IllegalStateException("every run fails");
        }, clock);
        cb.start(Duration.ofSeconds(1), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(List.of(at(1), at(2), at(3)), runs, "unlike Guava's AbstractScheduledService, it keeps going");
        assertEquals(3, cb.statistics().failed());
        assertTrue(cb.isRunning());
    }

    @Test
    void stopCancelsTheNextRunAndTheCallbackCanBeRestarted() {
        PeriodicCallback cb = recording();
        cb.start(Duration.ofSeconds(1), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertTrue(cb.stop().isDone(), "no run in progress: the stop completes at once");
        assertFalse(cb.isRunning());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(at(1), at(2)), runs, "nothing runs while stopped");
        cb.start(Duration.ofSeconds(1), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of(at(1), at(2), at(13), at(14)), runs, "the restarted schedule begins anew");
    }

    @Test
    void startingWhileRunningThrows() {
        PeriodicCallback cb = recording();
        cb.start(Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, () -> cb.start(Duration.ofSeconds(1)));
    }

    @Test
    void aZeroIntervalOrANegativeDelayIsRejectedWithTheValue() {
        PeriodicCallback cb = recording();
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> cb.start(Duration.ZERO));
        assertEquals("interval must be > 0, was PT0S", interval.getMessage());
        IllegalArgumentException delay = assertThrows(IllegalArgumentException.class,
                () -> cb.start(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
        assertEquals("delay must be >= 0, was PT-1S", delay.getMessage());
        assertFalse(cb.isRunning(), "a rejected start leaves it stopped");
    }

    @Test
    void stopInterruptsARunningCallbackUnlessShielded() throws Exception {
        for (boolean shield : new boolean[] {false, true}) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            PeriodicCallback cb = new PeriodicCallback("blocking", () -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            cb.start(Duration.ofHours(1), Duration.ZERO, RunOptions.DEFAULT.withShield(shield));
            running.await();
            var stopped = cb.stop();
            if (shield) {
                assertFalse(stopped.isDone(), "a shielded run is still blocked, so the stop is pending");
                release.countDown();
            }
            stopped.get(5, TimeUnit.SECONDS);
            assertEquals(!shield, interrupted.get(), shield ? "shielded: not interrupted" : "interrupted by stop");
        }
    }

    @Test
    void toStringShowsTheNameStateAndSchedule() {
        PeriodicCallback cb = recording();
        assertEquals("PeriodicCallback[tick, stopped]", cb.toString());
        cb.start(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertEquals("PeriodicCallback[tick, running, interval=PT2S, delay=PT1S]", cb.toString());
    }
}
