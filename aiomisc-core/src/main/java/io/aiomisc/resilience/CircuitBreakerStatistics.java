package io.aiomisc.resilience;

/**
 * A snapshot of a {@link CircuitBreaker}'s state and counters (aiomisc {@code CircuitBreakerStatistic}).
 *
 * @param state               the state at the time of the snapshot
 * @param calls               every call made through the breaker
 * @param passing             calls made while PASSING (aiomisc {@code call_passing})
 * @param broken              calls refused while BROKEN (aiomisc {@code call_broken})
 * @param recovering          calls made while RECOVERING (aiomisc {@code call_recovering})
 * @param recoveringPassed    RECOVERING calls let through to the work (aiomisc {@code call_recovering_ok})
 * @param recoveringRejected  RECOVERING calls refused (aiomisc {@code call_recovering_failed})
 * @param errorRatio          failures divided by calls over the current window
 * @param failingBucketRatio  the share of the window's buckets whose failure ratio reached the threshold;
 *                            the value the state machine compares
 * @param errorRatioThreshold the configured {@code errorRatio}
 */
public record CircuitBreakerStatistics(CircuitBreaker.State state, long calls, long passing, long broken,
                                       long recovering, long recoveringPassed, long recoveringRejected,
                                       double errorRatio, double failingBucketRatio, double errorRatioThreshold) {
}
