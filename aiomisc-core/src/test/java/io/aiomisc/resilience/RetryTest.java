package io.aiomisc.resilience;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RetryTest {

    private final FakeTicker ticker = new FakeTicker();

    /** Work that advances the fake clock past its limit and then waits, as a hung call would. */
    private String hangPast(Duration limit) throws InterruptedException {
        ticker.advance(limit.plusMillis(1));
        new CountDownLatch(1).await();
        throw new AssertionError("the watchdog should have interrupted the attempt");
    }

    @Test
    void returnsTheFirstSuccessfulResultAfterRetryableFailures() throws Exception {
        Retry retry = Retry.builder().maxTries(5).ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        String result = retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("refused " + calls.get());
            }
            return "ok";
        });

        assertEquals("ok", result);
        assertEquals(3, calls.get(), "the work should run until its first success");
        RetryStatistics stats = retry.statistics();
        assertEquals(3, stats.attempts());
        assertEquals(3, stats.done());
        assertEquals(2, stats.errors());
        assertEquals(0, stats.cancels());
    }

    @Test
    void makesExactlyMaxTriesAttemptsAndThrowsTheLastFailureWithTheEarlierOnesSuppressed() {
        Retry retry = Retry.builder().maxTries(3).ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        IOException thrown = assertThrows(IOException.class,
                () -> retry.call(() -> {
                    throw new IOException("failure " + calls.incrementAndGet());
                }));

        assertEquals(3, calls.get(), "maxTries(3) must mean exactly three attempts");
        assertEquals("failure 3", thrown.getMessage(), "the caller should get the last attempt's failure");
        assertEquals(List.of("failure 1", "failure 2"),
                Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).toList(),
                "the earlier failures should ride along as suppressed");
    }

    @Test
    void throwsAFailureOutsideRetryOnAtOnce() {
        Retry retry = Retry.builder().maxTries(5).retryOn(IOException.class).ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        assertThrows(IllegalStateException.class, () -> retry.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        }));

        assertEquals(1, calls.get(), "a failure that is not retryable must not be retried");
    }

    @Test
    void withNoRetryOnTypesRetriesOnlyAttemptTimeoutsAsAiomiscBackoffDoes() throws Exception {
        Retry retry = Retry.builder().maxTries(5).retryOn().attemptTimeout(Duration.ofSeconds(1))
                .ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        assertThrows(IOException.class, () -> retry.call(() -> {
            calls.incrementAndGet();
            throw new IOException("not retried");
        }));
        assertEquals(1, calls.get());

        AtomicInteger timedCalls = new AtomicInteger();
        String result = retry.call(() -> timedCalls.incrementAndGet() == 1 ? hangPast(Duration.ofSeconds(1)) : "ok");
        assertEquals("ok", result, "an attempt timeout is always retried");
        assertEquals(2, timedCalls.get());
    }

    @Test
    void interruptsAnAttemptThatOverrunsItsTimeoutAndRetriesIt() throws Exception {
        Retry retry = Retry.builder().maxTries(3).attemptTimeout(Duration.ofSeconds(1)).ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        String result = retry.call(() -> calls.incrementAndGet() == 1 ? hangPast(Duration.ofSeconds(1)) : "second");

        assertEquals("second", result);
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt must not leak to the caller");
        assertEquals(2, retry.statistics().attempts());
        assertEquals(1, retry.statistics().errors());
    }

    @Test
    void throwsATimeoutWhenTheLastAttemptOverruns() {
        Retry retry = Retry.builder().maxTries(2).attemptTimeout(Duration.ofSeconds(1)).ticker(ticker).build();

        TimeoutException thrown = assertThrows(TimeoutException.class,
                () -> retry.call(() -> hangPast(Duration.ofSeconds(1))));

        assertTrue(thrown.getMessage().contains("attempt 2"), thrown.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void whenTheDeadlineCutsAnAttemptTheLastRealFailureIsThrownNotATimeout() {
        // aiomisc test_last_exception_is_last
        Retry retry = Retry.builder().deadline(Duration.ofSeconds(1)).ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        IOException thrown = assertThrows(IOException.class, () -> retry.call(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IOException("real " + calls.get());
            }
            return hangPast(Duration.ofSeconds(1));
        }));

        assertEquals("real 2", thrown.getMessage(), "the deadline must surface the last real failure");
        assertTrue(Arrays.stream(thrown.getSuppressed()).anyMatch(TimeoutException.class::isInstance),
                "the deadline's timeout should be attached as suppressed");
        assertTrue(Arrays.stream(thrown.getSuppressed()).anyMatch(s -> "real 1".equals(s.getMessage())));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aPauseThatWouldEndPastTheDeadlineEndsTheCallWithTheLastFailure() {
        Retry retry = Retry.builder().deadline(Duration.ofSeconds(1)).pause(Duration.ofMillis(300))
                .ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        IOException thrown = assertThrows(IOException.class, () -> retry.call(() -> {
            throw new IOException("real " + calls.incrementAndGet());
        }));

        // Attempts at 0, 300, 600 and 900 ms; the pause after the fourth would end at 1200 ms.
        assertEquals(4, calls.get());
        assertEquals("real 4", thrown.getMessage());
    }

    @Test
    void throwsATimeoutWhenTheDeadlineExpiresBeforeAnyAttemptFailed() {
        Retry retry = Retry.builder().deadline(Duration.ofSeconds(1)).attemptTimeout(Duration.ofSeconds(5))
                .ticker(ticker).build();

        TimeoutException thrown = assertThrows(TimeoutException.class,
                () -> retry.call(() -> hangPast(Duration.ofSeconds(1))));

        assertTrue(thrown.getMessage().contains("deadline"), thrown.getMessage());
    }

    @Test
    void pausesGrowByTheFactorAndStopAtMaxPause() {
        Retry retry = Retry.builder().maxTries(5).pause(Duration.ofMillis(100)).factor(2)
                .maxPause(Duration.ofMillis(350)).ticker(ticker).build();

        assertThrows(IOException.class, () -> retry.call(() -> {
            throw new IOException("down");
        }));

        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350),
                Duration.ofMillis(350)), ticker.sleeps());
    }

    @Test
    void jitterSpreadsEachPauseWithinItsBounds() {
        double[] randoms = {0.0, 0.5, 1.0};
        AtomicInteger next = new AtomicInteger();
        Retry retry = Retry.builder().maxTries(4).pause(Duration.ofMillis(100)).jitter(0.2)
                .random(() -> randoms[next.getAndIncrement()]).ticker(ticker).build();

        assertThrows(IOException.class, () -> retry.call(() -> {
            throw new IOException("down");
        }));

        assertEquals(List.of(Duration.ofMillis(80), Duration.ofMillis(100), Duration.ofMillis(120)), ticker.sleeps());
    }

    @Test
    void theGiveUpPredicateEndsTheCallWithThatFailure() {
        Retry retry = Retry.builder().maxTries(10).giveUp(e -> e.getMessage().equals("fatal")).ticker(ticker).build();
        AtomicInteger calls = new AtomicInteger();

        IOException thrown = assertThrows(IOException.class, () -> retry.call(() -> {
            throw new IOException(calls.incrementAndGet() == 2 ? "fatal" : "transient");
        }));

        assertEquals("fatal", thrown.getMessage());
        assertEquals(2, calls.get());
    }

    @Test
    void interruptingTheCallerEndsTheCallAndCountsACancel() throws Exception {
        Retry retry = Retry.builder().maxTries(10).ticker(ticker).build();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                retry.call(() -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                    return "never";
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        });

        started.await();
        caller.interrupt();
        caller.join();

        assertInstanceOf(InterruptedException.class, outcome.get(), "an interrupted caller must not be retried");
        assertEquals(1, retry.statistics().attempts());
        assertEquals(1, retry.statistics().cancels());
    }

    @Test
    void invalidSettingsFailNamingTheParameterAndValue() {
        assertMessage("pause must be >= 0, was PT-0.001S",
                () -> Retry.builder().pause(Duration.ofMillis(-1)));
        assertMessage("maxTries must be >= 1, was 0", () -> Retry.builder().maxTries(0));
        assertMessage("attemptTimeout must be > 0, was PT0S", () -> Retry.builder().attemptTimeout(Duration.ZERO));
        assertMessage("deadline must be > 0, was PT-1S", () -> Retry.builder().deadline(Duration.ofSeconds(-1)));
        assertMessage("factor must be finite and >= 1, was 0.5", () -> Retry.builder().factor(0.5));
        assertMessage("jitter must be between 0 and 1, was 1.5", () -> Retry.builder().jitter(1.5));
        assertMessage("maxPause must be > 0, was PT0S", () -> Retry.builder().maxPause(Duration.ZERO));
    }

    @Test
    void settingAnOptionTwiceOrLeavingTheCallUnboundedIsRejected() {
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> Retry.builder().maxTries(2).maxTries(3));
        assertTrue(twice.getMessage().contains("maxTries"), twice.getMessage());

        IllegalStateException unbounded = assertThrows(IllegalStateException.class, () -> Retry.builder().build());
        assertTrue(unbounded.getMessage().contains("maxTries or deadline"), unbounded.getMessage());
    }

    @Test
    void anErrorThatIsNotRetryableIsThrownAsItIs() {
        Retry retry = Retry.builder().maxTries(3).ticker(ticker).build();
        AssertionError error = new AssertionError("boom");

        AssertionError thrown = assertThrows(AssertionError.class, () -> retry.call(() -> {
            throw error;
        }));

        assertSame(error, thrown);
        assertArrayEquals(new Throwable[0], thrown.getSuppressed());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, action);
        assertEquals(expected, thrown.getMessage());
    }
}
