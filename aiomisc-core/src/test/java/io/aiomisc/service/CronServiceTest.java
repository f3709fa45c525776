package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Entrypoint;
import io.aiomisc.schedule.CronExpression;
import io.aiomisc.schedule.FakeScheduler;
import io.aiomisc.schedule.RunOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CronServiceTest {

    private final FakeScheduler clock = new FakeScheduler(Instant.parse("2024-01-01T00:00:00Z"));

    @Test
    void eachCallbackRunsOnItsOwnExpressionAndNoneFiresAfterStop() {
        AtomicInteger everyTwo = new AtomicInteger();
        AtomicInteger everyThree = new AtomicInteger();
        CronService cron = new CronService(clock)
                .register("*/2 * * * *", everyTwo::incrementAndGet)
                .register("*/3 * * * *", everyThree::incrementAndGet);
        try (Entrypoint entrypoint = Entrypoints.start(cron)) {
            clock.advance(Duration.ofMinutes(6));
            assertEquals(3, everyTwo.get(), "*/2 fires at minutes 2, 4 and 6");
            assertEquals(2, everyThree.get(), "*/3 fires at minutes 3 and 6");
        }
        clock.advance(Duration.ofHours(1));
        assertEquals(3, everyTwo.get(), "nothing fires after stop");
        assertEquals(2, everyThree.get(), "nothing fires after stop");
        assertEquals(0, clock.pending());
        assertEquals(List.of("*/2 * * * *", "*/3 * * * *"), cron.callbacks());
        assertEquals(3, cron.statistics("*/2 * * * *").done());
    }

    @Test
    void aZoneShiftsTheFireTimes() {
        List<Instant> runs = new ArrayList<>();
        CronService cron = new CronService(clock)
                .register("0 9 * * *", ZoneId.of("Asia/Tokyo"), () -> runs.add(clock.now()));
        try (Entrypoint entrypoint = Entrypoints.start(cron)) {
            clock.advance(Duration.ofDays(1));
        }
        assertEquals(List.of(Instant.parse("2024-01-02T00:00:00Z")), runs, "09:00 in Tokyo is 00:00 UTC");
    }

    @Test
    void stopInterruptsRunningCallbacksUnlessShielded() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch plainInterrupted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean shieldedInterrupted = new AtomicBoolean();
        AtomicBoolean shieldedFinished = new AtomicBoolean();
        CronExpression everySecond = CronExpression.parse("* * * * * *");
        CronService cron = new CronService()
                .register("plain", everySecond, ZoneOffset.UTC, RunOptions.DEFAULT, () -> {
                    bothRunning.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        plainInterrupted.countDown();
                    }
                })
                .register("shielded", everySecond, ZoneOffset.UTC, RunOptions.DEFAULT.withShield(true), () -> {
                    bothRunning.countDown();
                    try {
                        release.await();
                        shieldedFinished.set(true);
                    } catch (InterruptedException e) {
                        shieldedInterrupted.set(true);
                    }
                });
        Entrypoint entrypoint = Entrypoints.start(cron);
        bothRunning.await();
        Thread closer = Thread.ofVirtual().start(entrypoint::close);
        plainInterrupted.await();
        assertTrue(closer.isAlive(), "the stop waits for the shielded callback, which is still blocked");
        release.countDown();
        closer.join();
        assertFalse(shieldedInterrupted.get(), "a shielded callback is not interrupted");
        assertTrue(shieldedFinished.get(), "the shielded callback finished before the stop completed");
    }

    @Test
    void anInvalidExpressionFailsAtRegister() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CronService(clock).register("* 25 * * *", () -> { }));
        assertTrue(e.getMessage().contains("hour field: value 25"), e.getMessage());
    }

    @Test
    void registeringWhileRunningOrTwiceUnderOneNameFails() {
        CronService cron = new CronService(clock).register("@hourly", () -> { });
        assertThrows(IllegalArgumentException.class, () -> cron.register("@hourly", () -> { }));
        try (Entrypoint entrypoint = Entrypoints.start(cron)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> cron.register("@daily", () -> { }));
            assertTrue(e.getMessage().contains("register callbacks before the start"), e.getMessage());
        }
        cron.register("@daily", () -> { });
        assertEquals(List.of("@hourly", "@daily"), cron.callbacks(), "after the stop, registering works again");
    }
}
