package io.aiomisc.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CronCallbackTest {

    private final List<Instant> runs = new ArrayList<>();

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void firesAtEachTickOfTheExpression() {
        FakeScheduler clock = new FakeScheduler(t("2024-01-01T00:00:00Z"));
        CronCallback cb = new CronCallback("five", () -> runs.add(clock.now()), clock);
        cb.start(CronExpression.parse("*/5 * * * *"));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of(), runs, "a tick at exactly the start time does not fire; the next is 00:05");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(List.of(t("2024-01-01T00:05:00Z"), t("2024-01-01T00:10:00Z"), t("2024-01-01T00:15:00Z")), runs);
    }

    @Test
    void aRunThatOverrunsATickSkipsIt() {
        FakeScheduler clock = new FakeScheduler(t("2024-01-01T00:00:00Z"));
        CronCallback cb = new CronCallback("slow", () -> {
            runs.add(clock.now());
            if (runs.size() == 1) {
                clock.elapse(Duration.ofSeconds(90));
            }
        }, clock);
        cb.start(CronExpression.parse("* * * * *"));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of(t("2024-01-01T00:01:00Z"), t("2024-01-01T00:03:00Z"), t("2024-01-01T00:04:00Z")), runs,
                "the first run lasts until 00:02:30, so the 00:02 tick is skipped, not run late");
    }

    @Test
    void fireTimesAreUtcByDefaultAndFollowAGivenZone() {
        FakeScheduler clock = new FakeScheduler(t("2024-01-01T00:00:00Z"));
        List<Instant> utc = new ArrayList<>();
        List<Instant> tokyo = new ArrayList<>();
        new CronCallback("utc", () -> utc.add(clock.now()), clock).start(CronExpression.parse("0 9 * * *"));
        new CronCallback("tokyo", () -> tokyo.add(clock.now()), clock)
                .start(CronExpression.parse("0 9 * * *"), ZoneId.of("Asia/Tokyo"));
        clock.advance(Duration.ofHours(24));
        assertEquals(List.of(t("2024-01-01T09:00:00Z")), utc, "09:00 UTC");
        assertEquals(List.of(t("2024-01-02T00:00:00Z")), tokyo, "09:00 in Tokyo is 00:00 UTC");
    }

    @Test
    void aDailyTimeInsideTheSpringGapFiresOnceAtTheEndOfTheGap() {
        FakeScheduler clock = new FakeScheduler(t("2024-03-30T12:00:00Z"));
        CronCallback cb = new CronCallback("berlin", () -> runs.add(clock.now()), clock);
        cb.start(CronExpression.parse("30 2 * * *"), ZoneId.of("Europe/Berlin"));
        clock.advance(Duration.ofDays(2));
        assertEquals(List.of(t("2024-03-31T01:00:00Z"), t("2024-04-01T00:30:00Z")), runs,
                "03:00 CEST on the day of the gap, then 02:30 CEST");
    }

    @Test
    void aWallClockThatStepsBackDoesNotFireATickTwice() {
        FakeScheduler fake = new FakeScheduler(t("2024-01-01T00:00:00Z"));
        AtomicReference<Duration> lag = new AtomicReference<>(Duration.ZERO);
        Scheduler steppedBack = new Scheduler() {
            @Override
            public Instant now() {
                return fake.now().minus(lag.get());
            }

            @Override
            public long nanoTime() {
                return fake.nanoTime();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return fake.schedule(delay, task);
            }
        };
        CronCallback cb = new CronCallback("ntp", () -> {
            runs.add(steppedBack.now());
            lag.set(Duration.ofSeconds(1));
        }, steppedBack);
        cb.start(CronExpression.parse("* * * * *"));
        // the second tick is 00:02 on the lagging clock, 00:02:01 on the fake one
        fake.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertEquals(List.of(t("2024-01-01T00:01:00Z"), t("2024-01-01T00:02:00Z")), runs,
                "after the clock stepped back one second, the 00:01 tick must not fire again");
    }

    @Test
    void nothingFiresAfterStop() {
        FakeScheduler clock = new FakeScheduler(t("2024-01-01T00:00:00Z"));
        CronCallback cb = new CronCallback("stopped", () -> runs.add(clock.now()), clock);
        cb.start(CronExpression.parse("@hourly"));
        clock.advance(Duration.ofHours(1));
        assertTrue(cb.stop().isDone());
        assertFalse(cb.isRunning());
        clock.advance(Duration.ofDays(1));
        assertEquals(List.of(t("2024-01-01T01:00:00Z")), runs);
        assertEquals(0, clock.pending());
    }

    @Test
    void exceptionsAreCountedAndTheScheduleGoesOn() {
        FakeScheduler clock = new FakeScheduler(t("2024-01-01T00:00:00Z"));
        CronCallback cb = new CronCallback("failing", () -> {
            throw new IllegalStateException("always");
        }, clock);
        cb.start(CronExpression.parse("* * * * *"));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(new CallbackStatistics(3, 0, 3, Duration.ZERO), cb.statistics());
        assertEquals("CronCallback[failing, running, '* * * * *' in Z]", cb.toString());
    }
}
