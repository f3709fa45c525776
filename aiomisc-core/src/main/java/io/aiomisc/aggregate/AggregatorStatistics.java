package io.aiomisc.aggregate;

import java.time.Duration;

/**
 * A snapshot of an {@link Aggregator}'s counters and settings (aiomisc {@code AggregateStatistic}).
 *
 * @param calls     calls accepted (arguments gathered)
 * @param batches   batch function calls made
 * @param succeeded batch calls that returned normally with the right number of results
 * @param failed    batch calls that threw or returned the wrong number of results
 * @param leeway    the configured leeway
 * @param maxCount  the configured largest batch; {@link Integer#MAX_VALUE} when unbounded
 */
public record AggregatorStatistics(long calls, long batches, long succeeded, long failed, Duration leeway,
                                   int maxCount) {
}
