package io.aiomisc.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TimeoutsTest {

    @Test
    void aCallersBlockingDependentActionOnATimedOutFutureDoesNotHoldUpOtherTimeouts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        CompletableFuture<String> first = Timeouts.callAsync(Duration.ofMillis(20), CompletableFuture::new);
        first.whenComplete((value, error) -> {
            blocking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(blocking.await(5, TimeUnit.SECONDS), "the first call timed out");
            CompletableFuture<String> second = Timeouts.callAsync(Duration.ofMillis(20), CompletableFuture::new);
            ExecutionException timedOut = assertThrows(ExecutionException.class,
                    () -> second.get(5, TimeUnit.SECONDS),
                    "the second call's timeout must fire while the first caller's action still blocks");
            assertInstanceOf(TimeoutException.class, timedOut.getCause());
        } finally {
            release.countDown();
        }
    }


    private final FakeTicker ticker = new FakeTicker();

    @Test
    void returnsTheResultOfWorkThatFinishesInTimeAndLeavesNoTimerBehind() throws Exception {
        assertEquals("done", Timeouts.call(Duration.ofSeconds(1), ticker, () -> "done"));

        assertEquals(0, ticker.pendingTasks(), "the watchdog should be cancelled once the work is done");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void interruptsWorkThatOverrunsAndThrowsATimeoutWithoutLeakingTheInterrupt() {
        TimeoutException thrown = assertThrows(TimeoutException.class, () -> Timeouts.call(Duration.ofSeconds(1),
                ticker, () -> {
                    ticker.advance(Duration.ofSeconds(2));
                    new CountDownLatch(1).await();
                    return "never";
                }));

        assertInstanceOf(InterruptedException.class, thrown.getSuppressed()[0],
                "the work should have been interrupted, and its exception kept as suppressed");
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt must be cleared");
    }

    @Test
    void workThatIgnoresTheInterruptStillEndsInATimeout() {
        TimeoutException thrown = assertThrows(TimeoutException.class, () -> Timeouts.call(Duration.ofSeconds(1),
                ticker, () -> {
                    ticker.advance(Duration.ofSeconds(2));
                    return "late";
                }));

        assertTrue(thrown.getMessage().contains("PT1S"), thrown.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void theWorksOwnExceptionPassesThroughUnchanged() {
        IOException failure = new IOException("refused");

        IOException thrown = assertThrows(IOException.class, () -> Timeouts.call(Duration.ofSeconds(1), ticker, () -> {
            throw failure;
        }));

        assertSame(failure, thrown);
    }

    @Test
    void anInterruptFromElsewhereIsNotATimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                Timeouts.call(Duration.ofHours(1), ticker, () -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                    return "never";
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        });

        started.await();
        worker.interrupt();
        worker.join();

        assertInstanceOf(InterruptedException.class, outcome.get());
    }

    @Test
    void theSystemTickerInterruptsARealSleep() {
        // The one test on the wall clock: it proves the real timer thread fires; it asserts only the outcome.
        assertThrows(TimeoutException.class, () -> Timeouts.call(Duration.ofMillis(20), () -> {
            Thread.sleep(Duration.ofMinutes(5));
            return "never";
        }));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void theDecoratorAppliesTheLimitToEveryCall() throws Exception {
        Callable<String> decorated = Timeouts.timeout(Duration.ofSeconds(1), () -> "ok");

        assertEquals("ok", decorated.call());
        assertEquals("ok", decorated.call());
    }

    @Test
    void callAsyncFailsWithATimeoutAndCancelsTheWorksFuture() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = Timeouts.callAsync(Duration.ofSeconds(1), ticker, () -> work);

        ticker.advance(Duration.ofMillis(999));
        assertFalse(result.isDone());
        ticker.advance(Duration.ofMillis(1));

        ExecutionException thrown = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(TimeoutException.class, thrown.getCause());
        assertTrue(work.isCancelled(), "the late work should be told to stop");
    }

    @Test
    void callAsyncPassesTheResultThroughWhenInTime() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = Timeouts.callAsync(Duration.ofSeconds(1), ticker, () -> work);

        work.complete("fast");

        assertEquals("fast", result.get());
        assertEquals(0, ticker.pendingTasks());
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRejectedNamingIt() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Timeouts.call(Duration.ZERO, () -> "x"));
        assertEquals("timeout must be > 0, was PT0S", thrown.getMessage());
    }
}
