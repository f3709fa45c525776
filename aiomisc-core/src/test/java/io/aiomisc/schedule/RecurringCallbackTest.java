package io.aiomisc.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RecurringCallbackTest {

    private final FakeScheduler clock = new FakeScheduler();
    private final List<Instant> runs = new ArrayList<>();

    private RecurringCallback recording() {
        return new RecurringCallback("recording", () -> runs.add(clock.now()), clock);
    }

    private static RecurringCallback.Strategy delays(Duration... delays) {
        Iterator<Duration> it = List.of(delays).iterator();
        return cb -> {
            if (!it.hasNext()) {
                throw new StrategyStop();
            }
            return it.next();
        };
    }

    private Instant at(long seconds) {
        return FakeScheduler.DEFAULT_START.plusSeconds(seconds);
    }

    @Test
    void waitsTheDelayTheStrategyReturnsBeforeEachRun() {
        RecurringCallback cb = recording();
        CompletableFuture<Void> ended = cb.start(delays(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3)));
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), runs, "nothing may run before the first delay");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(at(1), at(3), at(6)), runs, "each run waits the strategy's delay after the last");
        assertTrue(ended.isDone(), "StrategyStop ends the loop");
        assertFalse(cb.isRunning());
    }

    @Test
    void startRunsNothingOnTheCallingThread() {
        RecurringCallback cb = recording();
        cb.start(delays(Duration.ZERO));
        assertEquals(List.of(), runs, "start() must return before the strategy or the callback runs");
        clock.runDue();
        assertEquals(List.of(at(0)), runs);
    }

    @Test
    void aNegativeDelayCountsAsZero() {
        RecurringCallback cb = recording();
        cb.start(delays(Duration.ofSeconds(-5)));
        clock.runDue();
        assertEquals(List.of(at(0)), runs, "a negative delay runs at once, as zero");
    }

    @Test
    void strategySkipWaitsWithoutRunningTheCallback() {
        AtomicInteger asked = new AtomicInteger();
        RecurringCallback cb = recording();
        cb.start(c -> {
            int n = asked.incrementAndGet();
            if (n == 1) {
                throw new StrategySkip(Duration.ofSeconds(5));
            }
            if (n == 2) {
                return Duration.ZERO;
            }
            throw new StrategyStop();
        });
        clock.advance(Duration.ofSeconds(4));
        assertEquals(List.of(), runs, "a skip does not run the callback");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(at(5)), runs, "the strategy is asked again after the skip's delay");
        assertEquals(3, asked.get());
    }

    @Test
    void strategyStopEndsTheLoopBeforeTheFirstRun() {
        RecurringCallback cb = recording();
        CompletableFuture<Void> ended = cb.start(c -> {
            throw new StrategyStop();
        });
        clock.runDue();
        assertTrue(ended.isDone() && !ended.isCompletedExceptionally(), "StrategyStop ends the loop normally");
        assertEquals(List.of(), runs);
        assertEquals(0, clock.pending(), "no timer is left behind");
    }

    @Test
    void aStrategyThatThrowsEndsTheLoopAndFailsItsFuture() {
        RecurringCallback cb = recording();
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Void> ended = cb.start(c -> {
            throw boom;
        });
        clock.runDue();
        ExecutionException e = assertThrows(ExecutionException.class, () -> ended.get(0, TimeUnit.SECONDS));
        assertEquals(boom, e.getCause(), "the future carries the strategy's exception");
        assertFalse(cb.isRunning());
    }

    @Test
    void aStrategyThatReturnsNullEndsTheLoop() {
        RecurringCallback cb = recording();
        CompletableFuture<Void> ended = cb.start(c -> null);
        clock.runDue();
        assertTrue(ended.isDone() && !ended.isCompletedExceptionally());
        assertEquals(List.of(), runs);
    }

    @Test
    void callbackExceptionsAreCountedAndTheLoopGoesOn() {
        AtomicInteger n = new AtomicInteger();
        RecurringCallback cb = new RecurringCallback("flaky", () -> {
            if (n.incrementAndGet() % 2 == 1) {
                throw new IOException("odd run " + n.get());
            }
        }, clock);
        cb.start(c -> Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(5, n.get(), "an exception must not end the loop");
        CallbackStatistics s = cb.statistics();
        assertEquals(5, s.calls());
        assertEquals(2, s.done());
        assertEquals(3, s.failed());
    }

    @Test
    void suppressedExceptionsAreCountedAsFailures() {
        RecurringCallback cb = new RecurringCallback("quiet", () -> {
            throw new IOException("expected");
        }, clock);
        cb.start(delays(Duration.ZERO, Duration.ZERO), RunOptions.DEFAULT.withSuppressed(IOException.class));
        clock.runDue();
        assertEquals(new CallbackStatistics(2, 0, 2, Duration.ZERO), cb.statistics());
    }

    @Test
    void totalTimeSumsTheTimeSpentInTheCallback() {
        RecurringCallback cb = new RecurringCallback("slow", () -> clock.elapse(Duration.ofMillis(250)), clock);
        cb.start(delays(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ofMillis(750), cb.statistics().totalTime());
        assertEquals(3, cb.statistics().done());
    }

    @Test
    void aVirtualMachineErrorEndsTheLoop() {
        OutOfMemoryError oom = new OutOfMemoryError("pretend");
        RecurringCallback cb = new RecurringCallback("oom", () -> {
            throw oom;
        }, clock);
        CompletableFuture<Void> ended = cb.start(c -> Duration.ZERO);
        clock.runDue();
        ExecutionException e = assertThrows(ExecutionException.class, () -> ended.get(0, TimeUnit.SECONDS));
        assertEquals(oom, e.getCause());
        assertEquals(1, cb.statistics().failed());
    }

    @Test
    void stopCancelsThePendingWait() {
        RecurringCallback cb = recording();
        cb.start(c -> Duration.ofMinutes(1));
        clock.runDue();
        CompletableFuture<Void> stopped = cb.stop();
        assertTrue(stopped.isDone(), "with no run in progress the stop completes at once");
        assertEquals(0, clock.pending(), "the pending timer is cancelled");
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), runs, "nothing runs after stop()");
    }

    @Test
    void stopBeforeStartGivesACompletedFutureAndStopIsIdempotent() {
        RecurringCallback cb = recording();
        assertTrue(cb.stop().isDone());
        cb.start(c -> Duration.ofSeconds(1));
        CompletableFuture<Void> first = cb.stop();
        assertTrue(cb.stop().isDone() && first.isDone());
    }

    @Test
    void startingTwiceThrows() {
        RecurringCallback cb = recording();
        cb.start(c -> Duration.ofSeconds(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cb.start(c -> Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("recording"), "the message names the callback: " + e.getMessage());
    }

    @Test
    void canBeRestartedAfterStopAndKeepsCounting() {
        RecurringCallback cb = recording();
        cb.start(c -> Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        cb.stop();
        cb.start(c -> Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(at(1), at(2), at(3)), runs);
        assertEquals(3, cb.statistics().calls(), "statistics survive a restart");
    }

    @Test
    void aCallbackThatStopsItselfEndsTheLoopAfterItReturns() {
        AtomicReference<RecurringCallback> self = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        RecurringCallback cb = new RecurringCallback("self", () -> {
            self.get().stop();
            interrupted.set(Thread.currentThread().isInterrupted());
        }, clock);
        self.set(cb);
        CompletableFuture<Void> ended = cb.start(c -> Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(ended.isDone());
        assertEquals(1, cb.statistics().calls());
        assertFalse(interrupted.get(), "a callback stopping itself is not interrupted");
    }

    @Test
    void stopInterruptsARunningCallback() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        RecurringCallback cb = new RecurringCallback("blocking", () -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                throw e;
            }
        }, Scheduler.system());
        cb.start(c -> Duration.ZERO);
        running.await();
        cb.stop().get(5, TimeUnit.SECONDS);
        assertTrue(sawInterrupt.get(), "stop() must interrupt the running callback");
        CallbackStatistics s = cb.statistics();
        assertEquals(1, s.calls());
        assertEquals(0, s.failed(), "a run interrupted by stop() is not a failure");
        assertFalse(cb.isRunning());
    }

    @Test
    void stopLetsAShieldedCallbackFinishAndThenEndsTheLoop() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        RecurringCallback cb = new RecurringCallback("shielded", () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
            }
        }, Scheduler.system());
        cb.start(c -> Duration.ZERO, RunOptions.DEFAULT.withShield(true));
        running.await();
        CompletableFuture<Void> stopped = cb.stop();
        assertFalse(stopped.isDone(), "the stop waits for the shielded run, which is still blocked");
        release.countDown();
        stopped.get(5, TimeUnit.SECONDS);
        assertFalse(sawInterrupt.get(), "a shielded callback is not interrupted");
        assertEquals(new CallbackStatistics(1, 1, 0, cb.statistics().totalTime()), cb.statistics(),
                "the shielded run completes and no run follows");
    }

    @Test
    void stopInterruptsACallbackRunningOnTheFakeSchedulersAdvancingThread() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        RecurringCallback cb = new RecurringCallback("on-fake", () -> {
            running.countDown();
            new CountDownLatch(1).await();
        }, clock);
        cb.start(c -> Duration.ofSeconds(1));
        AtomicBoolean advancerInterrupted = new AtomicBoolean(true);
        Thread advancer = Thread.ofVirtual().start(() -> {
            clock.advance(Duration.ofSeconds(1));
            advancerInterrupted.set(Thread.currentThread().isInterrupted());
        });
        running.await();
        cb.stop().get(5, TimeUnit.SECONDS);
        advancer.join();
        assertFalse(advancerInterrupted.get(), "the interrupt meant for the callback must not leak to its thread");
    }

    @Test
    void aNullArgumentIsRejected() {
        assertThrows(NullPointerException.class, () -> new RecurringCallback(null, () -> { }, clock));
        assertThrows(NullPointerException.class, () -> recording().start(null));
        assertInstanceOf(NullPointerException.class,
                assertThrows(NullPointerException.class, () -> recording().start(c -> Duration.ZERO, null)));
    }
}
