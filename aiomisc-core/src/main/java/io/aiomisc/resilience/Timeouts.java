package io.aiomisc.resilience;

import io.aiomisc.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs work with a time limit (aiomisc {@code @timeout}): when the limit expires the work is interrupted and
 * the caller gets a {@link TimeoutException}.
 *
 * <p><b>Where the work runs.</b> The blocking forms run the work on the <em>caller's own thread</em> and arm a
 * watchdog on the {@link Ticker}'s timer that interrupts that thread when the limit expires. Thread-locals,
 * the SLF4J MDC, locks the caller holds and stack traces therefore behave exactly as without a limit, and no
 * thread is created per call. The price: work that ignores interruption (for example a read from a
 * {@code FileInputStream}) keeps the caller until it returns; the caller then still gets the
 * {@code TimeoutException} and the work's result is discarded. This matches aiomisc, whose {@code wait_for}
 * also waits for the cancelled task to finish.
 *
 * <p>An interrupt sent by the watchdog never leaks out of these methods: the thread's interrupt flag is
 * cleared before the {@code TimeoutException} is thrown. An interrupt from elsewhere is left alone.
 *
 * <p>All methods are static and thread-safe.
 */
public final class Timeouts {

    private Timeouts() {
    }

    /**
     * Runs {@code work} on the calling thread, interrupting it if it has not finished within {@code timeout}.
     * Blocks as long as the work runs.
     *
     * @param timeout the limit; must be positive
     * @param work    the work
     * @param <T>     the result type
     * @return the work's result
     * @throws TimeoutException         if the limit expired (the work's own exception, typically an
     *                                  {@code InterruptedException}, is attached as suppressed)
     * @throws Exception                whatever the work threw before the limit expired
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <T> T call(Duration timeout, Callable<T> work) throws Exception {
        return call(timeout, Ticker.system(), work);
    }

    /**
     * As {@link #call(Duration, Callable)}, with the limit measured on {@code ticker}.
     *
     * @param timeout the limit; must be positive
     * @param ticker  the clock and timer that measure the limit
     * @param work    the work
     * @param <T>     the result type
     * @return the work's result
     * @throws TimeoutException         if the limit expired
     * @throws Exception                whatever the work threw before the limit expired
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <T> T call(Duration timeout, Ticker ticker, Callable<T> work) throws Exception {
        Checks.positive(timeout, "timeout");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(work, "work");
        return callWithin(Durations.saturatedNanos(timeout), ticker, work, timeout);
    }

    /**
     * Returns a {@code Callable} that runs {@code work} with the given limit each time it is called: the
     * decorator form, aiomisc's {@code @timeout(seconds)}.
     *
     * @param timeout the limit for each call; must be positive
     * @param work    the work to decorate
     * @param <T>     the result type
     * @return the decorated callable; it throws {@link TimeoutException} when a call overruns
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <T> Callable<T> timeout(Duration timeout, Callable<T> work) {
        Checks.positive(timeout, "timeout");
        Objects.requireNonNull(work, "work");
        return () -> call(timeout, work);
    }

    /**
     * Starts asynchronous work and returns a future that fails with {@link TimeoutException} if the work's
     * stage has not completed within {@code timeout}; the work's own future is then cancelled (which stops the
     * work only if it reacts to cancellation). Never blocks.
     *
     * @param timeout the limit; must be positive
     * @param work    supplies the stage of the work; called once, on the calling thread
     * @param <T>     the result type
     * @return a future with the work's outcome, or a {@code TimeoutException}; cancelling it cancels the work's
     *         future too
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <T> CompletableFuture<T> callAsync(Duration timeout, Supplier<? extends CompletionStage<T>> work) {
        return callAsync(timeout, Ticker.system(), work);
    }

    /**
     * As {@link #callAsync(Duration, Supplier)}, with the limit measured on {@code ticker}.
     *
     * @param timeout the limit; must be positive
     * @param ticker  the clock and timer that measure the limit
     * @param work    supplies the stage of the work; called once, on the calling thread
     * @param <T>     the result type
     * @return a future with the work's outcome, or a {@code TimeoutException}
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <T> CompletableFuture<T> callAsync(Duration timeout, Ticker ticker,
                                                     Supplier<? extends CompletionStage<T>> work) {
        Checks.positive(timeout, "timeout");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<T> inner;
        try {
            inner = Objects.requireNonNull(work.get(), "work returned a null stage").toCompletableFuture();
        } catch (Throwable e) {
            result.completeExceptionally(e);
            return result;
        }
        Future<?> timer = ticker.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("did not complete within " + timeout))) {
                inner.cancel(true);
            }
        }, timeout);
        inner.whenComplete((value, error) -> {
            timer.cancel(false);
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(Failures.unwrap(error));
            }
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                inner.cancel(true);
            }
        });
        return result;
    }

    /**
     * The shared blocking implementation, also used by {@link Retry} for attempts. {@code limitNanos} must be
     * positive; {@code described} names the limit in the exception message.
     */
    static <T> T callWithin(long limitNanos, Ticker ticker, Callable<T> work, Object described) throws Exception {
        Watchdog watchdog = Watchdog.arm(ticker, limitNanos);
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            if (watchdog.disarm()) {
                TimeoutException timeout = new TimeoutException("did not complete within " + described);
                timeout.addSuppressed(e);
                throw timeout;
            }
            throw Failures.rethrowable(e);
        }
        if (watchdog.disarm()) {
            throw new TimeoutException("did not complete within " + described);
        }
        return result;
    }
}
