package io.aiomisc.resilience;

import io.aiomisc.internal.Checks;
import io.aiomisc.stats.Statistics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Configures a {@link CircuitBreaker}; get one from {@link CircuitBreaker#builder(double, Duration)}. Every
 * setter validates its value at once and may be called only once. Not thread-safe.
 */
public final class CircuitBreakerBuilder {
    // Unset options are null; the CircuitBreaker constructor applies the defaults.
    final double errorRatio;
    final Duration responseTime;
    String name;
    Duration recoveryTime;
    Duration brokenTime;
    Duration passingTime;
    List<Class<? extends Throwable>> exceptions;
    Predicate<? super Throwable> inspector;
    Ticker ticker;
    DoubleSupplier random;

    CircuitBreakerBuilder(double errorRatio, Duration responseTime) {
        if (!(errorRatio > 0 && errorRatio <= 1)) {
            throw new IllegalArgumentException("errorRatio must be > 0 and <= 1, was " + errorRatio);
        }
        this.errorRatio = errorRatio;
        this.responseTime = Checks.positive(responseTime, "responseTime");
    }

    /**
     * Names the breaker in logs, exceptions and statistics. Default {@code "circuit-breaker"}.
     * Built with a name while an entrypoint is {@linkplain io.aiomisc.Entrypoint#current() current}, it is
     * published as the JMX MBean {@code io.aiomisc:type=CircuitBreaker,entrypoint=<id>,name=<name>} until that
     * entrypoint stops (see {@link Statistics}).
     *
     * @param name a non-blank name
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException    if it was already set
     */
    public CircuitBreakerBuilder name(String name) {
        Checks.notBlank(name, "name");
        Checks.once(this.name, "name");
        this.name = name;
        return this;
    }

    /**
     * How long RECOVERING lasts, over which the share of calls let through grows from 0 to 1.
     * Default: {@code responseTime}.
     *
     * @param recoveryTime a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public CircuitBreakerBuilder recoveryTime(Duration recoveryTime) {
        Checks.positive(recoveryTime, "recoveryTime");
        Checks.once(this.recoveryTime, "recoveryTime");
        this.recoveryTime = recoveryTime;
        return this;
    }

    /**
     * How long BROKEN lasts before RECOVERING begins. Default: {@code responseTime}.
     *
     * @param brokenTime a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public CircuitBreakerBuilder brokenTime(Duration brokenTime) {
        Checks.positive(brokenTime, "brokenTime");
        Checks.once(this.brokenTime, "brokenTime");
        this.brokenTime = brokenTime;
        return this;
    }

    /**
     * How long PASSING is held after a recovery before the breaker may trip again. Default:
     * {@code responseTime}.
     *
     * @param passingTime a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public CircuitBreakerBuilder passingTime(Duration passingTime) {
        Checks.positive(passingTime, "passingTime");
        Checks.once(this.passingTime, "passingTime");
        this.passingTime = passingTime;
        return this;
    }

    /**
     * The exception types that count as failures. Default: {@link Exception}. With no types, every
     * {@code Exception} counts (aiomisc's {@code cutout()} without types counts none: a bug we do not copy).
     *
     * @param types the failure types
     * @return this builder
     * @throws NullPointerException  if a type is null
     * @throws IllegalStateException if it was already set
     */
    @SafeVarargs
    public final CircuitBreakerBuilder exceptions(Class<? extends Throwable>... types) {
        Objects.requireNonNull(types, "types must not be null");
        Checks.once(this.exceptions, "exceptions");
        this.exceptions = types.length == 0 ? List.of(Exception.class) : List.of(types);
        return this;
    }

    /**
     * Decides, for an exception of a counted type, whether it is a failure: returning false excludes it. An
     * inspector that throws counts the failure and its error is logged. Default: every counted exception is a
     * failure.
     *
     * @param inspector the predicate; called on the calling thread after the work failed
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public CircuitBreakerBuilder exceptionInspector(Predicate<? super Throwable> inspector) {
        Objects.requireNonNull(inspector, "inspector must not be null");
        Checks.once(this.inspector, "exceptionInspector");
        this.inspector = inspector;
        return this;
    }

    /**
     * The clock of the window and the state times. Default {@link Ticker#system()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public CircuitBreakerBuilder ticker(Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker must not be null");
        Checks.once(this.ticker, "ticker");
        this.ticker = ticker;
        return this;
    }

    /** Test hook: the uniform {@code [0, 1)} source that decides which RECOVERING calls go through. */
    CircuitBreakerBuilder random(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Builds the breaker, in state PASSING.
     *
     * @return a new breaker
     */
    public CircuitBreaker build() {
        CircuitBreaker breaker = new CircuitBreaker(this);
        if (name != null) {
            Statistics.publishToCurrent(breaker);
        }
        return breaker;
    }
}
