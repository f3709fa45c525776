package io.aiomisc.threads;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a {@link ThreadPool}'s counters, taken by {@link ThreadPool#statistics()}.
 *
 * <p>While tasks are running the counters are read one after another, not atomically, so a
 * snapshot may be off by the tasks that finished while it was taken; once the pool is quiet
 * (every returned future completed, or the pool terminated) they are exact. A task's counters
 * are updated before its future completes, so a caller that saw the future complete also sees
 * the task counted.
 *
 * @param threads worker threads still alive (the pool's size until it shuts down, then 0 once it
 *     has terminated)
 * @param submitted tasks accepted by {@code execute}, {@code submit}, {@code call}, {@code invokeAll}
 *     and {@code invokeAny} (rejected tasks are not counted)
 * @param completed tasks that ran and returned normally
 * @param failed tasks that ran and threw (a {@code submit}ted task whose future holds an exception
 *     counts as failed too)
 * @param queued tasks waiting in the queue (approximate while submitters are active)
 * @param busyTime total time worker threads spent running tasks: a worker is busy from the moment
 *     it picks up a task after being idle until it next finds the queue empty
 */
public record ThreadPoolStatistics(
        int threads, long submitted, long completed, long failed, long queued, Duration busyTime) {

    /**
     * Validates the snapshot.
     *
     * @throws IllegalArgumentException if a count is negative
     * @throws NullPointerException if {@code busyTime} is null
     */
    public ThreadPoolStatistics {
        requireNonNegative("threads", threads);
        requireNonNegative("submitted", submitted);
        requireNonNegative("completed", completed);
        requireNonNegative("failed", failed);
        requireNonNegative("queued", queued);
        Objects.requireNonNull(busyTime, "busyTime");
        if (busyTime.isNegative()) {
            throw new IllegalArgumentException("busyTime must be >= 0, was " + busyTime);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
