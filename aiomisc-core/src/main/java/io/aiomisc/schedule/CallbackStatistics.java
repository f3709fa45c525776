package io.aiomisc.schedule;

import java.time.Duration;

/**
 * Counters of a recurring, periodic or cron callback since it was created (restarts keep counting),
 * aiomisc's {@code call_count, done, fail, sum_time}.
 *
 * @param calls runs started
 * @param done runs that returned normally
 * @param failed runs that threw (suppressed exceptions included); a run interrupted by {@code stop()} is
 *        neither done nor failed
 * @param totalTime time spent inside the callback, summed over all runs
 */
public record CallbackStatistics(long calls, long done, long failed, Duration totalTime) {
}
