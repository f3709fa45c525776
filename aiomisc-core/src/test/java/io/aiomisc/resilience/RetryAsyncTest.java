package io.aiomisc.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RetryAsyncTest {

    private final FakeTicker ticker = new FakeTicker();
    private final List<CompletableFuture<String>> attempts = new ArrayList<>();

    /** Each attempt returns a fresh future the test completes by hand. */
    private CompletableFuture<String> nextAttempt() {
        CompletableFuture<String> attempt = new CompletableFuture<>();
        attempts.add(attempt);
        return attempt;
    }

    private RetryBuilder builder() {
        return Retry.builder().ticker(ticker).executor(Runnable::run);
    }

    @Test
    void retriesAfterThePauseUntilAnAttemptSucceeds() throws Exception {
        Retry retry = builder().maxTries(3).pause(Duration.ofSeconds(1)).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        attempts.get(0).completeExceptionally(new IOException("first"));
        assertEquals(1, attempts.size(), "the next attempt waits for the pause");
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(2, attempts.size());
        attempts.get(1).complete("second");

        assertEquals("second", result.get());
        assertEquals(2, retry.statistics().attempts());
        assertEquals(1, retry.statistics().errors());
    }

    @Test
    void failsWithTheLastFailureAfterMaxTries() {
        Retry retry = builder().maxTries(2).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        attempts.get(0).completeExceptionally(new IOException("first"));
        attempts.get(1).completeExceptionally(new IOException("second"));

        ExecutionException thrown = assertThrows(ExecutionException.class, result::get);
        assertEquals("second", thrown.getCause().getMessage());
        assertEquals("first", thrown.getCause().getSuppressed()[0].getMessage());
        assertEquals(2, attempts.size(), "exactly maxTries attempts");
    }

    @Test
    void anAttemptThatOverrunsIsCancelledAndRetried() throws Exception {
        Retry retry = builder().maxTries(3).attemptTimeout(Duration.ofSeconds(1)).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        ticker.advance(Duration.ofSeconds(1));

        assertTrue(attempts.get(0).isCancelled(), "the late attempt should be cancelled");
        assertEquals(2, attempts.size(), "a timed-out attempt is retried");
        attempts.get(1).complete("in time");
        assertEquals("in time", result.get());
    }

    @Test
    void theDeadlineCompletesWithTheLastRealFailure() {
        Retry retry = builder().deadline(Duration.ofSeconds(5)).pause(Duration.ofSeconds(1)).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        attempts.get(0).completeExceptionally(new IOException("real"));
        ticker.advance(Duration.ofSeconds(1));
        ticker.advance(Duration.ofSeconds(4));

        ExecutionException thrown = assertThrows(ExecutionException.class, result::get);
        assertEquals("real", thrown.getCause().getMessage(), "the deadline must surface the last real failure");
        assertTrue(attempts.get(1).isCancelled(), "the attempt cut by the deadline should be cancelled");
    }

    @Test
    void theDeadlineBeforeAnyFailureIsATimeout() {
        Retry retry = builder().deadline(Duration.ofSeconds(5)).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        ticker.advance(Duration.ofSeconds(5));

        ExecutionException thrown = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(TimeoutException.class, thrown.getCause());
    }

    @Test
    void cancellingTheResultStopsRetryingAndCancelsTheRunningAttempt() {
        Retry retry = builder().maxTries(5).pause(Duration.ofSeconds(1)).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        result.cancel(true);
        ticker.advance(Duration.ofSeconds(10));

        assertTrue(attempts.get(0).isCancelled());
        assertEquals(1, attempts.size(), "no attempt may start after the caller cancelled");
        assertEquals(1, retry.statistics().cancels());
    }

    @Test
    void aFailureOutsideRetryOnEndsTheCallAtOnce() {
        Retry retry = builder().maxTries(5).retryOn(IOException.class).build();
        CompletableFuture<String> result = retry.callAsync(this::nextAttempt);

        attempts.get(0).completeExceptionally(new IllegalStateException("bug"));

        ExecutionException thrown = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertFalse(attempts.size() > 1);
    }
}
