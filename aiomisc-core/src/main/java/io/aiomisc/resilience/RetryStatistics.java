package io.aiomisc.resilience;

import java.time.Duration;

/**
 * A snapshot of a {@link Retry}'s counters (aiomisc {@code BackoffStatistic}), summed over every call made
 * through it since it was built.
 *
 * @param attempts  attempts started
 * @param done      attempts finished, whatever their outcome (aiomisc counts attempts here, not calls)
 * @param errors    attempts that failed, attempt timeouts included
 * @param cancels   calls that ended because the caller was interrupted or cancelled the returned future
 * @param totalTime time spent inside attempts, pauses excluded
 */
public record RetryStatistics(long attempts, long done, long errors, long cancels, Duration totalTime) {
}
