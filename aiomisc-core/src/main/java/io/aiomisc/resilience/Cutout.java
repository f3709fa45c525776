package io.aiomisc.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The decorator form of a {@link CircuitBreaker} (aiomisc's {@code @cutout}): wraps callables so that every
 * call goes through one shared breaker.
 *
 * <pre>{@code
 * Cutout cutout = Cutout.of(0.5, Duration.ofSeconds(1), IOException.class);
 * Callable<Quote> quote = cutout.wrap(() -> pricing.quote(item));
 * }</pre>
 *
 * <p>Unlike aiomisc, where {@code cutout(ratio, time)} without exception types never counts a failure and so
 * never trips, a cutout without types counts every {@link Exception}.
 *
 * <p>Thread-safe: wrapped callables may be called from any number of threads.
 */
public final class Cutout {

    private final CircuitBreaker breaker;

    private Cutout(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    /**
     * Creates a cutout with a new breaker; its other times default to {@code responseTime}.
     *
     * @param errorRatio   the failure ratio that makes a bucket failing, in {@code (0, 1]}
     * @param responseTime the width of the sliding window; must be positive
     * @param exceptions   the exception types that count as failures; none means every {@code Exception}
     * @return a new cutout
     * @throws IllegalArgumentException if {@code errorRatio} or {@code responseTime} is out of range
     */
    @SafeVarargs
    public static Cutout of(double errorRatio, Duration responseTime, Class<? extends Throwable>... exceptions) {
        return new Cutout(CircuitBreaker.builder(errorRatio, responseTime).exceptions(exceptions).build());
    }

    /**
     * Creates a cutout over an existing breaker, for the options {@link #of} does not take.
     *
     * @param breaker the breaker every wrapped call goes through
     * @return a new cutout
     */
    public static Cutout of(CircuitBreaker breaker) {
        return new Cutout(Objects.requireNonNull(breaker, "breaker"));
    }

    /**
     * Wraps blocking work: each call of the returned callable is {@link CircuitBreaker#call(Callable)}.
     *
     * @param work the protected work
     * @param <T>  the result type
     * @return a callable that throws {@link CircuitBrokenException} while the breaker refuses calls
     */
    public <T> Callable<T> wrap(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        return () -> breaker.call(work);
    }

    /**
     * Wraps asynchronous work: each call of the returned supplier is {@link CircuitBreaker#callAsync(Supplier)}.
     *
     * @param work supplies the stage of the protected work
     * @param <T>  the result type
     * @return a supplier of futures that fail with {@link CircuitBrokenException} while the breaker refuses
     */
    public <T> Supplier<CompletableFuture<T>> wrapAsync(Supplier<? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        return () -> breaker.callAsync(work);
    }

    /**
     * Returns the breaker behind this cutout, for its state and statistics.
     *
     * @return the breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public String toString() {
        return "Cutout[" + breaker + "]";
    }
}
