package io.aiomisc.resilience;

import io.aiomisc.internal.Checks;
import io.aiomisc.stats.Statistics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Configures a {@link Retry}. Every setter validates its value at once and may be called only once.
 * Not thread-safe.
 */
public final class RetryBuilder {
    // Unset options are null (or NaN / 0); RetrySettings applies the defaults.
    String name;
    Duration attemptTimeout;
    Duration deadline;
    Duration pause;
    double factor = Double.NaN;
    Duration maxPause;
    double jitter = Double.NaN;
    int maxTries;
    List<Class<? extends Throwable>> retryOn;
    Predicate<? super Throwable> giveUp;
    Ticker ticker;
    Executor executor;
    DoubleSupplier random;

    RetryBuilder() {
    }

    /**
     * Names this retry in its statistics. Default {@code "retry"}.
     * Built with a name while an entrypoint is {@linkplain io.aiomisc.Entrypoint#current() current}, it is
     * published as the JMX MBean {@code io.aiomisc:type=Retry,entrypoint=<id>,name=<name>} until that
     * entrypoint stops (see {@link Statistics}).
     *
     * @param name a non-blank name
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException    if the name was already set
     */
    public RetryBuilder name(String name) {
        Checks.notBlank(name, "name");
        Checks.once(this.name, "name");
        this.name = name;
        return this;
    }

    /**
     * Bounds each attempt; an attempt that overruns is interrupted and retried as a
     * {@link TimeoutException}. Default: unbounded.
     *
     * @param attemptTimeout the limit per attempt; must be positive
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder attemptTimeout(Duration attemptTimeout) {
        Checks.positive(attemptTimeout, "attemptTimeout");
        Checks.once(this.attemptTimeout, "attemptTimeout");
        this.attemptTimeout = attemptTimeout;
        return this;
    }

    /**
     * Bounds the whole call, attempts and pauses together. Default: unbounded.
     *
     * @param deadline the limit for the whole call; must be positive
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder deadline(Duration deadline) {
        Checks.positive(deadline, "deadline");
        Checks.once(this.deadline, "deadline");
        this.deadline = deadline;
        return this;
    }

    /**
     * The wait after the first failed attempt. Default {@link Duration#ZERO}.
     *
     * @param pause the first pause; must not be negative
     * @return this builder
     * @throws IllegalArgumentException if it is negative
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder pause(Duration pause) {
        Checks.nonNegative(pause, "pause");
        Checks.once(this.pause, "pause");
        this.pause = pause;
        return this;
    }

    /**
     * Multiplies the pause after each further failed attempt (exponential backoff). Default 1 (a constant
     * pause).
     *
     * @param factor the growth factor; must be finite and at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1, infinite or NaN
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder factor(double factor) {
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be finite and >= 1, was " + factor);
        }
        Checks.once(this.factor, "factor");
        this.factor = factor;
        return this;
    }

    /**
     * Caps the pause that {@code factor} grows. Default: no cap.
     *
     * @param maxPause the longest pause; must be positive
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder maxPause(Duration maxPause) {
        Checks.positive(maxPause, "maxPause");
        Checks.once(this.maxPause, "maxPause");
        this.maxPause = maxPause;
        return this;
    }

    /**
     * Spreads each pause by a random factor in {@code [1 - jitter, 1 + jitter]}, so that many callers
     * failing together do not retry together. Default 0 (no jitter).
     *
     * @param jitter the relative spread, from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if it is outside {@code [0, 1]}
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder jitter(double jitter) {
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        Checks.once(this.jitter, "jitter");
        this.jitter = jitter;
        return this;
    }

    /**
     * The most attempts made, the first included. Default: unbounded, which requires a
     * {@link #deadline(Duration)}.
     *
     * @param maxTries at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1
     * @throws IllegalStateException    if it was already set
     */
    public RetryBuilder maxTries(int maxTries) {
        Checks.atLeast(maxTries, 1, "maxTries");
        Checks.once(this.maxTries, "maxTries");
        this.maxTries = maxTries;
        return this;
    }

    /**
     * The failures that are retried (instances of any of these types); attempt timeouts are always retried.
     * Default: every {@link Exception} (aiomisc's {@code asyncretry}). With no types, only attempt timeouts
     * are retried (aiomisc's {@code asyncbackoff} default).
     *
     * @param types the retried failure types
     * @return this builder
     * @throws NullPointerException  if a type is null
     * @throws IllegalStateException if it was already set
     */
    @SafeVarargs
    public final RetryBuilder retryOn(Class<? extends Throwable>... types) {
        Objects.requireNonNull(types, "types must not be null");
        Checks.once(this.retryOn, "retryOn");
        this.retryOn = List.of(types);
        return this;
    }

    /**
     * A predicate that ends the call at once, with that failure, when it returns true for a retryable
     * failure (aiomisc's {@code giveup}). If it throws, that exception ends the call, with the failure
     * attached as suppressed. Default: never gives up early.
     *
     * @param giveUp the predicate; called on the retrying thread
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public RetryBuilder giveUp(Predicate<? super Throwable> giveUp) {
        Objects.requireNonNull(giveUp, "giveUp must not be null");
        Checks.once(this.giveUp, "giveUp");
        this.giveUp = giveUp;
        return this;
    }

    /**
     * The clock and timer for timeouts, the deadline and pauses. Default {@link Ticker#system()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public RetryBuilder ticker(Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker must not be null");
        Checks.once(this.ticker, "ticker");
        this.ticker = ticker;
        return this;
    }

    /**
     * Where {@link Retry#callAsync} requests the stages of attempts after the first. Default: a new
     * virtual thread per attempt.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public RetryBuilder executor(Executor executor) {
        Objects.requireNonNull(executor, "executor must not be null");
        Checks.once(this.executor, "executor");
        this.executor = executor;
        return this;
    }

    /** Test hook: the source of jitter, uniform in {@code [0, 1)}. */
    RetryBuilder random(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Builds the retry.
     *
     * @return a new, immutable retry
     * @throws IllegalStateException if neither {@code maxTries} nor {@code deadline} was set, since a call
     *                               that keeps failing would then retry forever; call
     *                               {@code maxTries(Integer.MAX_VALUE)} to mean exactly that
     */
    public Retry build() {
        if (maxTries == 0 && deadline == null) {
            throw new IllegalStateException("set maxTries or deadline: without either, a call that keeps "
                    + "failing retries forever (use maxTries(Integer.MAX_VALUE) if that is intended)");
        }
        Retry retry = new Retry(new RetrySettings(this));
        if (name != null) {
            Statistics.publishToCurrent(retry);
        }
        return retry;
    }
}
