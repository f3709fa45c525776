package io.aiomisc.resilience;

import java.time.Duration;

/** Duration helpers shared by the package: validation messages that name the parameter, saturating nanos. */
final class Durations {

    private Durations() {
    }

    /** Converts to nanoseconds, clamping durations beyond about 292 years instead of overflowing. */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Duration requirePositive(Duration value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    static Duration requireNonNegative(Duration value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }
}
