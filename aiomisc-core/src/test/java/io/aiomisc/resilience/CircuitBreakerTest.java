package io.aiomisc.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.resilience.CircuitBreaker.State;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CircuitBreakerTest {

    private static final Duration BUCKET = Duration.ofMillis(100);

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger workCalls = new AtomicInteger();
    private double random = 0.0;

    private CircuitBreakerBuilder builder() {
        return CircuitBreaker.builder(0.5, Duration.ofSeconds(1))
                .brokenTime(Duration.ofSeconds(2))
                .recoveryTime(Duration.ofSeconds(1))
                .passingTime(Duration.ofSeconds(1))
                .name("db")
                .ticker(ticker)
                .random(() -> random);
    }

    private void fail(CircuitBreaker breaker, Exception failure) {
        Exception thrown = assertThrows(Exception.class, () -> breaker.call(() -> {
            workCalls.incrementAndGet();
            throw failure;
        }));
        assertSame(failure, thrown, "the work's own exception should reach the caller unchanged");
    }

    private String succeed(CircuitBreaker breaker) throws Exception {
        return breaker.call(() -> {
            workCalls.incrementAndGet();
            return "ok";
        });
    }

    private CircuitBrokenException refused(CircuitBreaker breaker) {
        int before = workCalls.get();
        CircuitBrokenException refused = assertThrows(CircuitBrokenException.class, () -> succeed(breaker));
        assertEquals(before, workCalls.get(), "a refused call must not run the work");
        return refused;
    }

    /** One failure in each of ten consecutive buckets: the window is full and every bucket fails. */
    private void failTenBuckets(CircuitBreaker breaker, Exception failure) {
        for (int i = 0; i < 10; i++) {
            fail(breaker, failure);
            if (i < 9) {
                ticker.advance(BUCKET);
            }
        }
    }

    @Test
    void walksThroughTheFullCycleWithAFakeClock() throws Exception {
        CircuitBreaker breaker = builder().build();
        IOException down = new IOException("down");

        failTenBuckets(breaker, down);
        assertEquals(State.PASSING, breaker.state(), "the trip is decided when the next call arrives");

        CircuitBrokenException broken = refused(breaker);
        assertEquals(State.BROKEN, breaker.state());
        assertEquals(State.BROKEN, broken.state());
        assertSame(down, broken.lastFailure().orElseThrow(), "the refusal should carry the last failure");
        assertEquals(Duration.ofSeconds(2), broken.remainingDelay());
        assertTrue(broken.getMessage().contains("'db' is BROKEN"), broken.getMessage());

        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(1), refused(breaker).remainingDelay());
        assertEquals(Duration.ofSeconds(1), breaker.stateDelay());

        ticker.advance(Duration.ofSeconds(1));
        random = 0.99;
        CircuitBrokenException recovering = refused(breaker);
        assertEquals(State.RECOVERING, breaker.state(), "after brokenTime the breaker starts recovering");
        assertEquals(Duration.ZERO, recovering.remainingDelay());

        ticker.advance(Duration.ofMillis(500));
        // Half-way through recovery 2^0.5 - 1 = 41% of calls go through.
        random = 0.5;
        refused(breaker);
        random = 0.3;
        assertEquals("ok", succeed(breaker));

        ticker.advance(Duration.ofMillis(600));
        assertEquals("ok", succeed(breaker));
        assertEquals(State.PASSING, breaker.state(), "after recoveryTime without failures it passes again");
        assertEquals(Duration.ofSeconds(1), breaker.stateDelay(), "PASSING is held for passingTime");

        CircuitBreakerStatistics stats = breaker.statistics();
        assertEquals(State.PASSING, stats.state());
        assertEquals(2, stats.broken());
        assertEquals(3, stats.recovering());
        assertEquals(1, stats.recoveringPassed());
        assertEquals(2, stats.recoveringRejected());
        assertEquals(11, stats.passing());
        assertEquals(16, stats.calls());
        assertEquals(0.5, stats.errorRatioThreshold());
    }

    @Test
    void goesBackToBrokenWhenRecoveringCallsKeepFailing() throws Exception {
        CircuitBreaker breaker = builder().build();
        failTenBuckets(breaker, new IOException("down"));
        refused(breaker);
        ticker.advance(Duration.ofSeconds(2));
        refused(breaker);
        assertEquals(State.RECOVERING, breaker.state());

        ticker.advance(Duration.ofMillis(500));
        fail(breaker, new IOException("still down"));
        CircuitBrokenException again = refused(breaker);

        assertEquals(State.BROKEN, again.state(), "a failing recovery must break the circuit again");
        assertEquals("still down", again.lastFailure().orElseThrow().getMessage());
        assertEquals(Duration.ofSeconds(2), again.remainingDelay());
    }

    @Test
    void doesNotTripBeforeTenBucketsHaveSeenCalls() throws Exception {
        CircuitBreaker breaker = builder().build();
        for (int i = 0; i < 9; i++) {
            fail(breaker, new IOException("down"));
            fail(breaker, new IOException("down"));
            ticker.advance(BUCKET);
        }

        assertEquals("ok", succeed(breaker));
        assertEquals(State.PASSING, breaker.state());
    }

    /** Two seconds of healthy calls, then a minute without any. */
    private void succeedThenGoQuiet(CircuitBreaker breaker) throws Exception {
        for (int i = 0; i < 20; i++) {
            succeed(breaker);
            ticker.advance(BUCKET);
        }
        ticker.advance(Duration.ofSeconds(60));
    }

    @Test
    void oneFailureAfterAQuietSpellDoesNotTripIt() throws Exception {
        CircuitBreaker breaker = builder().build();
        succeedThenGoQuiet(breaker);
        fail(breaker, new IOException("one blip"));
        assertEquals(State.PASSING, breaker.state(), "one failing bucket is not a window of failing buckets");
        assertEquals("ok", succeed(breaker));
    }

    @Test
    void aWholeWindowOfFailuresAfterAQuietSpellStillTripsIt() throws Exception {
        CircuitBreaker breaker = builder().build();
        succeedThenGoQuiet(breaker);
        failTenBuckets(breaker, new IOException("down"));
        refused(breaker);
    }

    @Test
    void oneBucketBelowTheErrorRatioKeepsItPassing() throws Exception {
        CircuitBreaker breaker = builder().build();
        for (int i = 0; i < 10; i++) {
            fail(breaker, new IOException("down"));
            if (i == 4) {
                succeed(breaker);
                succeed(breaker);
            }
            if (i < 9) {
                ticker.advance(BUCKET);
            }
        }

        assertEquals("ok", succeed(breaker), "one healthy bucket in the window must keep the circuit closed");
        assertEquals(State.PASSING, breaker.state());
    }

    @Test
    void onlyTheConfiguredExceptionTypesCountAsFailures() throws Exception {
        CircuitBreaker breaker = builder().exceptions(IOException.class).build();
        failTenBuckets(breaker, new IllegalArgumentException("bad request"));

        assertEquals("ok", succeed(breaker));
        assertEquals(State.PASSING, breaker.state());
    }

    @Test
    void theExceptionInspectorExcludesFailuresAndAFailingInspectorCountsThem() throws Exception {
        CircuitBreaker lenient = builder().exceptionInspector(e -> !e.getMessage().equals("ignored")).build();
        failTenBuckets(lenient, new IOException("ignored"));
        assertEquals("ok", succeed(lenient), "failures the inspector rejects must not trip the breaker");

        CircuitBreaker broken = CircuitBreaker.builder(0.5, Duration.ofSeconds(1)).ticker(ticker)
                .exceptionInspector(e -> {
                    throw new IllegalStateException("inspector bug");
                }).build();
        failTenBuckets(broken, new IOException("down"));
        refused(broken);
    }

    @Test
    void interruptionIsNeverAFailureOfTheDependency() throws Exception {
        CircuitBreaker breaker = builder().build();
        failTenBuckets(breaker, new InterruptedException("caller gave up"));

        assertEquals("ok", succeed(breaker));
    }

    @Test
    void aCutoutWithoutExceptionTypesCountsEveryException() throws Exception {
        // aiomisc's cutout(ratio, time) passes an empty tuple and never counts a failure.
        Cutout cutout = Cutout.of(0.5, Duration.ofMinutes(1));
        Callable<String> failing = cutout.wrap(() -> {
            throw new IllegalStateException("down");
        });
        assertThrows(IllegalStateException.class, failing::call);
        assertEquals(1.0, cutout.breaker().statistics().errorRatio(), "the failure should have been counted");

        CircuitBreaker faked = builder().exceptions().build();
        Cutout trips = Cutout.of(faked);
        failTenBuckets(faked, new IllegalStateException("down"));
        assertThrows(CircuitBrokenException.class, () -> trips.wrap(() -> "ok").call());
    }

    @Test
    void callAsyncCountsTheOutcomeWhenTheStageCompletesAndFailsFastWhileBroken() throws Exception {
        CircuitBreaker breaker = builder().build();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<String> pending = new CompletableFuture<>();
            CompletableFuture<String> result = breaker.callAsync(() -> pending);
            assertFalse(result.isDone());
            pending.completeExceptionally(new IOException("async down"));
            if (i < 9) {
                ticker.advance(BUCKET);
            }
        }

        CompletableFuture<String> refused = breaker.callAsync(() -> CompletableFuture.completedFuture("ok"));

        ExecutionException thrown = assertThrows(ExecutionException.class, refused::get);
        CircuitBrokenException broken = assertInstanceOf(CircuitBrokenException.class, thrown.getCause());
        assertEquals("async down", broken.lastFailure().orElseThrow().getMessage());
    }

    @Test
    void anErrorRatioOutsideZeroToOneIsRejectedNamingIt() {
        for (double bad : new double[] {0.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> CircuitBreaker.builder(bad, Duration.ofSeconds(1)));
            assertEquals("errorRatio must be > 0 and <= 1, was " + bad, thrown.getMessage());
        }
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreaker.builder(0.5, Duration.ZERO));
        assertEquals("responseTime must be > 0, was PT0S", time.getMessage());
        assertThrows(IllegalStateException.class,
                () -> CircuitBreaker.builder(0.5, Duration.ofSeconds(1)).brokenTime(Duration.ofSeconds(1))
                        .brokenTime(Duration.ofSeconds(2)));
    }
}
