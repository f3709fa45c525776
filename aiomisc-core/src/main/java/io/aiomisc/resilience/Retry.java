package io.aiomisc.resilience;

import io.aiomisc.stats.Measured;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Calls work again when it fails: aiomisc's {@code asyncbackoff} and {@code asyncretry} in one object.
 *
 * <pre>{@code
 * Retry retry = Retry.builder()
 *         .maxTries(5)
 *         .attemptTimeout(Duration.ofSeconds(2))
 *         .deadline(Duration.ofSeconds(10))
 *         .pause(Duration.ofMillis(100)).factor(2).jitter(0.2)
 *         .retryOn(IOException.class)
 *         .build();
 * String body = retry.call(() -> http.get(url));
 * }</pre>
 *
 * <p><b>Semantics</b> (aiomisc's, with the differences called out):
 * <ul>
 *   <li>Each attempt is bounded by {@code attemptTimeout}; an attempt that overruns is interrupted and counts
 *       as a {@link TimeoutException}, which is <em>always</em> retried, whatever {@code retryOn} says.</li>
 *   <li>A failure is retried when it is an instance of a {@code retryOn} type (default: every
 *       {@link Exception}) and {@code giveUp} does not return true for it; any other failure is thrown at
 *       once.</li>
 *   <li>At most {@code maxTries} attempts are made, exactly that many if every one fails.</li>
 *   <li>The whole call is bounded by {@code deadline}. When it expires, the <em>last real failure of an
 *       attempt</em> is thrown, not a timeout (aiomisc's {@code test_last_exception_is_last}); only when no
 *       attempt has failed yet is it a {@code TimeoutException}. A pause that would end past the deadline is
 *       not slept: the last failure is thrown at once (aiomisc sleeps until the deadline and then throws the
 *       same thing).</li>
 *   <li>Between attempts the caller waits {@code pause}, multiplied by {@code factor} after every failed
 *       attempt, capped at {@code maxPause}, and spread by {@code jitter}.</li>
 *   <li>Whatever is finally thrown carries the earlier attempts' failures as suppressed exceptions (at most
 *       {@value Failures#MAX_SUPPRESSED}, the most recent).</li>
 *   <li>Interrupting the caller (or cancelling the future of {@link #callAsync}) ends the call at once; it is
 *       counted in {@link RetryStatistics#cancels()} and never retried.</li>
 * </ul>
 *
 * <p>A {@code Retry} is immutable and thread-safe: build one per kind of call and share it; its statistics
 * sum over every call.
 */
public final class Retry implements Measured {

    private final RetrySettings settings;
    private final LongAdder attempts = new LongAdder();
    private final LongAdder done = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder cancels = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();

    Retry(RetrySettings settings) {
        this.settings = settings;
    }

    /**
     * Returns a builder. Every option has a default except that {@link RetryBuilder#maxTries(int)} or
     * {@link RetryBuilder#deadline(Duration)} must be set, so no failing call retries forever by accident.
     *
     * @return a new builder
     */
    public static RetryBuilder builder() {
        return new RetryBuilder();
    }

    /**
     * Calls {@code work} on the calling thread until it succeeds or the policy gives up. Blocks through every
     * attempt and pause.
     *
     * @param work the work; called once per attempt
     * @param <T>  the result type
     * @return the result of the first successful attempt
     * @throws TimeoutException     if the last attempt overran {@code attemptTimeout}, or the deadline expired
     *                              before any attempt failed
     * @throws InterruptedException if the caller was interrupted during a pause, or the work threw it because
     *                              the caller was interrupted
     * @throws Exception            the failure of the last attempt, with the earlier ones suppressed
     * @throws NullPointerException if {@code work} is null
     */
    public <T> T call(Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        return RetryBlocking.call(this, work);
    }

    /**
     * Starts asynchronous work and retries it under this policy. The first attempt's stage is requested on the
     * calling thread; later attempts are requested on this retry's executor (by default a new virtual thread
     * each) after their pause, so a stage that completes at once never deepens the stack. Never blocks.
     *
     * <p>An attempt that overruns {@code attemptTimeout} is treated as a {@code TimeoutException} and its
     * future is cancelled ({@code cancel(true)}), which stops the work only if it reacts to cancellation.
     * Cancelling the returned future stops the retries and cancels the running attempt's future.
     *
     * @param work supplies one attempt's stage; called once per attempt
     * @param <T>  the result type
     * @return a future completed with the first successful attempt's result, or failed with what
     *         {@link #call(Callable)} would have thrown
     * @throws NullPointerException if {@code work} is null
     */
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        return new RetryAsync<>(this, work).start();
    }

    /**
     * Returns a snapshot of the counters summed over every call. Never blocks.
     *
     * @return the current statistics
     */
    @Override
    public RetryStatistics statistics() {
        return new RetryStatistics(attempts.sum(), done.sum(), errors.sum(), cancels.sum(),
                Duration.ofNanos(totalNanos.sum()));
    }

    /**
     * Returns the name given to the builder, used for statistics; {@code "retry"} by default.
     *
     * @return the name
     */
    @Override
    public String name() {
        return settings.name;
    }

    @Override
    public String toString() {
        return "Retry[" + settings.name + ", maxTries=" + (settings.maxTries == Integer.MAX_VALUE ? "unbounded"
                : settings.maxTries) + "]";
    }

    RetrySettings settings() {
        return settings;
    }

    void countAttemptStarted() {
        attempts.increment();
    }

    void countAttemptDone(long nanos, boolean failed) {
        done.increment();
        totalNanos.add(nanos);
        if (failed) {
            errors.increment();
        }
    }

    void countCancel() {
        cancels.increment();
    }

    boolean givesUp(Throwable failure) {
        try {
            return settings.giveUp.test(failure);
        } catch (RuntimeException | Error e) {
            e.addSuppressed(failure);
            throw e;
        }
    }

    static TimeoutException attemptTimedOut(int attempt, Throwable interruptedWork) {
        TimeoutException timeout = new TimeoutException("attempt " + attempt + " did not complete within its "
                + "attemptTimeout");
        if (interruptedWork != null) {
            timeout.addSuppressed(interruptedWork);
        }
        return timeout;
    }

    /** What the caller gets when the deadline ends the call: the last real failure, else a timeout. */
    Throwable deadlineExpired(Failures failures, int attempt, Throwable interruptedWork) {
        TimeoutException timeout = new TimeoutException("deadline " + settings.deadline
                + " expired during attempt " + attempt);
        if (interruptedWork != null) {
            timeout.addSuppressed(interruptedWork);
        }
        Throwable last = failures.last();
        if (last == null) {
            return timeout;
        }
        last.addSuppressed(timeout);
        return failures.withEarlier(last);
    }

    static void startVirtualThread(Runnable task) {
        // Attempts are started from timer and completion threads: inheriting their locals would be arbitrary.
        Thread.ofVirtual().name("aiomisc-retry").inheritInheritableThreadLocals(false).start(task);
    }
}
