package io.aiomisc.resilience;

import java.time.Duration;

/** Converts durations to the package's nanosecond clocks. */
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
}
