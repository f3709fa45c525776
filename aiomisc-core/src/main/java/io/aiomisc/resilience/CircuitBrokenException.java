package io.aiomisc.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown (or used to fail a future) instead of calling the protected work while a {@link CircuitBreaker} is
 * {@linkplain CircuitBreaker.State#BROKEN broken}, or while it is
 * {@linkplain CircuitBreaker.State#RECOVERING recovering} and this call was not among those let through
 * (aiomisc's {@code CircuitBroken}).
 *
 * <p>Its cause is the last failure the breaker saw, if the last call before it broke failed. It has no stack
 * trace of its own: it is thrown at high rates exactly when a system is under stress, and where it was thrown
 * is always the breaker's {@code call}.
 */
public final class CircuitBrokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The breaker's state when the call was refused. */
    private final CircuitBreaker.State state;
    /** How long the breaker was still to stay in that state when the call was refused. */
    private final Duration remainingDelay;

    CircuitBrokenException(String breaker, CircuitBreaker.State state, Duration remainingDelay, Throwable last) {
        super(message(breaker, state, remainingDelay, last), last, true, false);
        this.state = state;
        this.remainingDelay = remainingDelay;
    }

    private static String message(String breaker, CircuitBreaker.State state, Duration delay, Throwable last) {
        String where = "circuit breaker '" + breaker + "' is " + state;
        String when = state == CircuitBreaker.State.BROKEN
                ? ", calls resume in " + delay
                : ", only some calls are let through";
        return where + when + (last == null ? "" : "; last failure: " + last);
    }

    /**
     * Returns the last failure the breaker saw before it refused this call.
     *
     * @return the last failure, or empty if the last call before breaking succeeded or none failed yet
     */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(getCause());
    }

    /**
     * Returns how long the breaker stays in its current state at least (aiomisc's {@code get_state_delay()}):
     * the rest of the broken time while BROKEN, zero while RECOVERING.
     *
     * @return the remaining delay, never negative
     */
    public Duration remainingDelay() {
        return remainingDelay;
    }

    /**
     * Returns the state the breaker was in when it refused the call.
     *
     * @return {@code BROKEN} or {@code RECOVERING}
     */
    public CircuitBreaker.State state() {
        return state;
    }
}
