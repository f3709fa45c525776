package io.aiomisc.resilience;

import io.aiomisc.stats.Measured;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a failing dependency for a while, with aiomisc's state machine.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder(0.5, Duration.ofSeconds(1))
 *         .exceptions(IOException.class)
 *         .brokenTime(Duration.ofSeconds(5))
 *         .build();
 * Response r = breaker.call(() -> client.send(request));   // CircuitBrokenException while broken
 * }</pre>
 *
 * <p><b>The model</b> (aiomisc's {@code CircuitBreaker}). Outcomes are counted in {@value
 * BucketWindow#BUCKET_COUNT} time buckets, each a tenth of {@code responseTime} wide: a sliding window of
 * {@code responseTime}. A bucket is <em>failing</em> when its failures divided by its calls reach
 * {@code errorRatio}.
 * <ul>
 *   <li>{@link State#PASSING}: every call goes through. Once ten buckets have seen calls, the breaker trips to
 *       BROKEN when <em>every</em> bucket in the window is failing; the current bucket counts too, even while
 *       it is still empty, so a trip needs at least one counted outcome in the current bucket.</li>
 *   <li>{@link State#BROKEN}: every call fails at once with {@link CircuitBrokenException} carrying the last
 *       failure and the remaining delay; nothing is counted. Held for {@code brokenTime}, then
 *       RECOVERING.</li>
 *   <li>{@link State#RECOVERING}: a share of calls is let through that grows exponentially from 0 to 1 over
 *       {@code recoveryTime} ({@code 2^(elapsed / recoveryTime) - 1}); the others fail with
 *       {@code CircuitBrokenException}. If the share of failing buckets reaches half of {@code errorRatio}, it
 *       goes back to BROKEN; after {@code recoveryTime} it goes to PASSING, which is then held for
 *       {@code passingTime} before it may trip again.</li>
 * </ul>
 * The window is cleared on every switch to BROKEN. States are evaluated when calls arrive; there is no timer.
 *
 * <p><b>What counts as a failure.</b> An exception that is an instance of one of {@code exceptions} (default
 * {@link Exception}) and that the {@code exceptionInspector} does not reject (an inspector that throws counts
 * the failure, and the inspector's error is logged). Other exceptions propagate unchanged and count only as
 * calls. {@link InterruptedException} and {@link CancellationException} are never failures: the caller gave up,
 * not the dependency. Differences from aiomisc: the {@code errorRatio} range is really checked (aiomisc's check
 * can never fire), and {@link Cutout} with no exception types counts every exception (aiomisc's counts none).
 *
 * <p><b>Cost.</b> In PASSING a call reads the clock, finds its bucket with one volatile read and adds to two
 * {@code LongAdder}s; no lock is taken anywhere. State changes are compare-and-set of an immutable snapshot.
 *
 * <p>Thread-safe; share one breaker per protected dependency.
 */
public final class CircuitBreaker implements Measured {

    /** The states of the breaker (aiomisc {@code CircuitBreakerStates}). */
    public enum State {
        /** Calls go through and are counted. */
        PASSING,
        /** Calls fail at once with {@link CircuitBrokenException}. */
        BROKEN,
        /** A growing share of calls goes through; the rest fail with {@link CircuitBrokenException}. */
        RECOVERING
    }

    /** RECOVERING goes back to BROKEN when the failing-bucket share reaches this times {@code errorRatio}. */
    static final double RECOVER_BROKEN_THRESHOLD = 0.5;
    /** PASSING goes to BROKEN when the failing-bucket share reaches this. */
    static final double PASSING_BROKEN_THRESHOLD = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** Immutable state: {@code stuckUntil} is when the state may next change, {@code since} when it began. */
    private record Snapshot(State state, long stuckUntil, long since) {
    }

    private final String name;
    private final double errorRatio;
    private final Duration responseTime;
    private final long brokenNanos;
    private final long passingNanos;
    private final long recoveryNanos;
    private final List<Class<? extends Throwable>> exceptions;
    private final Predicate<? super Throwable> inspector;
    private final Ticker ticker;
    private final DoubleSupplier random;
    private final BucketWindow window;
    private final AtomicReference<Snapshot> snapshot;
    private volatile Throwable lastFailure;

    private final LongAdder passing = new LongAdder();
    private final LongAdder broken = new LongAdder();
    private final LongAdder recovering = new LongAdder();
    private final LongAdder recoveringPassed = new LongAdder();
    private final LongAdder recoveringRejected = new LongAdder();

    CircuitBreaker(CircuitBreakerBuilder builder) {
        this.name = builder.name == null ? "circuit-breaker" : builder.name;
        this.errorRatio = builder.errorRatio;
        this.responseTime = builder.responseTime;
        long responseNanos = Durations.saturatedNanos(builder.responseTime);
        this.brokenNanos = builder.brokenTime == null ? responseNanos : Durations.saturatedNanos(builder.brokenTime);
        this.passingNanos = builder.passingTime == null ? responseNanos
                : Durations.saturatedNanos(builder.passingTime);
        this.recoveryNanos = builder.recoveryTime == null ? responseNanos
                : Durations.saturatedNanos(builder.recoveryTime);
        this.exceptions = builder.exceptions == null ? List.of(Exception.class) : builder.exceptions;
        this.inspector = builder.inspector;
        this.ticker = builder.ticker == null ? Ticker.system() : builder.ticker;
        this.random = builder.random == null
                ? () -> ThreadLocalRandom.current().nextDouble() : builder.random;
        this.window = new BucketWindow(responseNanos);
        long created = ticker.nanoTime();
        this.snapshot = new AtomicReference<>(new Snapshot(State.PASSING, created, created));
    }

    /**
     * Returns a builder for a breaker with the two settings aiomisc requires.
     *
     * @param errorRatio   the failure ratio that makes a bucket failing, greater than 0 and at most 1
     * @param responseTime the width of the sliding window; also the default of {@code recoveryTime},
     *                     {@code brokenTime} and {@code passingTime}; must be positive
     * @return a new builder
     * @throws IllegalArgumentException if {@code errorRatio} is not in {@code (0, 1]} or {@code responseTime}
     *                                  is not positive
     */
    public static CircuitBreakerBuilder builder(double errorRatio, Duration responseTime) {
        return new CircuitBreakerBuilder(errorRatio, responseTime);
    }

    /**
     * Calls {@code work} on the calling thread if the breaker lets the call through, and counts its outcome.
     * Blocks as long as the work does; never blocks otherwise.
     *
     * @param work the protected work
     * @param <T>  the result type
     * @return the work's result
     * @throws CircuitBrokenException if the breaker refuses the call; the work is not called
     * @throws Exception              whatever the work threw, unchanged
     * @throws NullPointerException   if {@code work} is null
     */
    public <T> T call(Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        BucketWindow.Bucket bucket = admit();
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            recordFailure(bucket, e);
            throw Failures.rethrowable(e);
        }
        recordSuccess(bucket);
        return result;
    }

    /**
     * Starts asynchronous work if the breaker lets the call through, and counts its outcome when its stage
     * completes. The admission decision is taken now, on the calling thread. Never blocks.
     *
     * @param work supplies the stage of the protected work; called at most once, on the calling thread
     * @param <T>  the result type
     * @return the work's future, or a future failed with {@link CircuitBrokenException} if the call was refused
     * @throws NullPointerException if {@code work} is null
     */
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        BucketWindow.Bucket bucket;
        CompletableFuture<T> stage;
        try {
            bucket = admit();
        } catch (CircuitBrokenException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            stage = Objects.requireNonNull(work.get(), "work returned a null stage").toCompletableFuture();
        } catch (Throwable e) {
            recordFailure(bucket, e);
            return CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((value, error) -> {
            if (error == null) {
                recordSuccess(bucket);
            } else {
                recordFailure(bucket, Failures.unwrap(error));
            }
        });
    }

    /**
     * Returns the state as last evaluated. Transitions are evaluated when calls arrive (there is no timer), so a
     * breaker whose broken time has passed reports BROKEN until the next call moves it on, as in aiomisc.
     * Never blocks.
     *
     * @return the state
     */
    public State state() {
        return snapshot.get().state();
    }

    /**
     * Returns how long the breaker stays in its current state at least (aiomisc's {@code get_state_delay()}).
     *
     * @return the remaining delay, zero if the state may change now
     */
    public Duration stateDelay() {
        long delay = snapshot.get().stuckUntil() - ticker.nanoTime();
        return delay > 0 ? Duration.ofNanos(delay) : Duration.ZERO;
    }

    /**
     * Returns the name given to the builder; {@code "circuit-breaker"} by default.
     *
     * @return the name
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * Returns a snapshot of the state and counters. Never blocks.
     *
     * @return the current statistics
     */
    @Override
    public CircuitBreakerStatistics statistics() {
        long index = window.indexOf(ticker.nanoTime());
        long p = passing.sum();
        long b = broken.sum();
        long r = recovering.sum();
        return new CircuitBreakerStatistics(snapshot.get().state(), p + b + r, p, b, r, recoveringPassed.sum(),
                recoveringRejected.sum(), window.failureRatio(index),
                window.failingBucketRatio(index, errorRatio), errorRatio);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + snapshot.get().state() + ", errorRatio=" + errorRatio
                + ", responseTime=" + responseTime + "]";
    }

    /** Decides whether a call may run; returns the bucket its outcome goes to, or throws if refused. */
    private BucketWindow.Bucket admit() {
        long now = ticker.nanoTime();
        BucketWindow.Bucket bucket = window.current(now);
        Snapshot state = snapshot.get();
        if (now - state.stuckUntil() >= 0) {
            state = advance(now, bucket.index, state, bucket);
        }
        switch (state.state()) {
            case PASSING -> {
                passing.increment();
                return bucket;
            }
            case BROKEN -> {
                broken.increment();
                throw refused(state, now);
            }
            default -> {
                recovering.increment();
                double elapsed = (double) (now - state.since()) / recoveryNanos;
                if (random.getAsDouble() < Math.pow(2, elapsed) - 1) {
                    recoveringPassed.increment();
                    return bucket;
                }
                recoveringRejected.increment();
                throw refused(state, now);
            }
        }
    }

    /**
     * Applies the transition that is due at {@code now}, if any. The caller has checked that the current state
     * is no longer stuck; {@code bucket} is its current bucket.
     */
    private Snapshot advance(long now, long index, Snapshot state, BucketWindow.Bucket bucket) {
        Snapshot next;
        switch (state.state()) {
            case BROKEN -> next = new Snapshot(State.RECOVERING, now, now);
            case PASSING -> {
                // Cheap pre-check first: a trip needs a failure in the current bucket.
                if (!bucket.failed || !window.full()
                        || window.failingShareOfWindow(index, errorRatio) < PASSING_BROKEN_THRESHOLD) {
                    return state;
                }
                next = new Snapshot(State.BROKEN, now + brokenNanos, now);
            }
            default -> {
                if (window.failingBucketRatio(index, errorRatio) >= RECOVER_BROKEN_THRESHOLD * errorRatio) {
                    next = new Snapshot(State.BROKEN, now + brokenNanos, now);
                } else if (now - state.since() >= recoveryNanos) {
                    next = new Snapshot(State.PASSING, now + passingNanos, now);
                } else {
                    return state;
                }
            }
        }
        if (!snapshot.compareAndSet(state, next)) {
            return snapshot.get();
        }
        if (next.state() == State.BROKEN) {
            window.clear();
            LOG.warn("Circuit breaker '{}' {} -> BROKEN for {}", name, state.state(), Duration.ofNanos(brokenNanos));
        } else {
            LOG.info("Circuit breaker '{}' {} -> {}", name, state.state(), next.state());
        }
        return next;
    }

    private CircuitBrokenException refused(Snapshot state, long now) {
        long delay = state.stuckUntil() - now;
        return new CircuitBrokenException(name, state.state(), delay > 0 ? Duration.ofNanos(delay) : Duration.ZERO,
                lastFailure);
    }

    private void recordSuccess(BucketWindow.Bucket bucket) {
        bucket.record(false);
        if (lastFailure != null) {
            lastFailure = null;
        }
    }

    private void recordFailure(BucketWindow.Bucket bucket, Throwable error) {
        if (error instanceof InterruptedException || error instanceof CancellationException || !counts(error)) {
            bucket.record(false);
            return;
        }
        lastFailure = error;
        bucket.record(inspect(error));
    }

    private boolean counts(Throwable error) {
        for (Class<? extends Throwable> type : exceptions) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    private boolean inspect(Throwable error) {
        if (inspector == null) {
            return true;
        }
        try {
            return inspector.test(error);
        } catch (RuntimeException | Error e) {
            LOG.error("Circuit breaker '{}': the exception inspector failed on {}; counting it as a failure",
                    name, error, e);
            return true;
        }
    }
}
