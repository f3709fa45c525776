package io.aiomisc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Scheduler} whose time moves only in {@link #advance(Duration)}, which runs every task that falls
 * due on the calling thread, in deadline order (ties in scheduling order), moving the clock to each task's
 * deadline before running it. Tasks scheduled by a running task run in the same call when they fall due
 * before its end. Nothing ever runs on its own.
 */
public final class FakeScheduler implements Scheduler {

    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int MAX_TASKS_PER_ADVANCE = 1_000_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Instant origin;
    private long elapsedNanos; // guarded by lock
    private long sequence; // guarded by lock
    private Thread advancing; // guarded by lock

    public FakeScheduler() {
        this(DEFAULT_START);
    }

    public FakeScheduler(Instant start) {
        this.origin = start;
    }

    @Override
    public Instant now() {
        lock.lock();
        try {
            return origin.plusNanos(elapsedNanos);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return elapsedNanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(action, "action");
        lock.lock();
        try {
            long due = elapsedNanos + Math.max(0, delay.toNanos());
            Task task = new Task(due, sequence++, action);
            queue.add(task);
            return task;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the tasks that are due now, without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /**
     * Moves the clock forward by {@code step}, running every task that falls due on the way on this thread.
     *
     * @throws IllegalStateException if called from a task or from two threads at once, or if tasks keep
     *         rescheduling themselves with zero delay
     */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        long target;
        lock.lock();
        try {
            if (advancing != null) {
                throw new IllegalStateException("advance() is already running on " + advancing);
            }
            advancing = Thread.currentThread();
            target = elapsedNanos + step.toNanos();
        } finally {
            lock.unlock();
        }
        try {
            for (int ran = 0; ; ran++) {
                if (ran == MAX_TASKS_PER_ADVANCE) {
                    throw new IllegalStateException("more than " + ran + " tasks in one advance(): a busy loop?");
                }
                Task next;
                lock.lock();
                try {
                    next = queue.peek();
                    // a task that elapsed time past the target makes the tasks due by then overdue: run them
                    if (next == null || next.due > Math.max(target, elapsedNanos)) {
                        elapsedNanos = Math.max(target, elapsedNanos);
                        return;
                    }
                    queue.poll();
                    elapsedNanos = Math.max(elapsedNanos, next.due);
                    if (next.cancelled) {
                        continue;
                    }
                    next.started = true;
                } finally {
                    lock.unlock();
                }
                next.action.run();
            }
        } finally {
            lock.lock();
            try {
                advancing = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Moves the clock forward without running anything: a task calls this to pretend it takes {@code time}.
     * Tasks that fall due meanwhile run later, in the {@link #advance} that is running.
     */
    public void elapse(Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException("time must be >= 0, was " + time);
        }
        lock.lock();
        try {
            elapsedNanos += time.toNanos();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the number of tasks waiting (not cancelled, not started). */
    public int pending() {
        lock.lock();
        try {
            return (int) queue.stream().filter(t -> !t.cancelled).count();
        } finally {
            lock.unlock();
        }
    }

    /** Returns how long until the next pending task is due, or null when none is pending. */
    public Duration untilNext() {
        lock.lock();
        try {
            return queue.stream().filter(t -> !t.cancelled).mapToLong(t -> t.due).min()
                    .stream().mapToObj(due -> Duration.ofNanos(due - elapsedNanos)).findFirst().orElse(null);
        } finally {
            lock.unlock();
        }
    }

    private final class Task implements Cancellable, Comparable<Task> {
        final long due;
        final long seq;
        final Runnable action;
        boolean cancelled; // guarded by lock
        boolean started; // guarded by lock

        Task(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                if (cancelled || started) {
                    return false;
                }
                cancelled = true;
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int compareTo(Task o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(seq, o.seq);
        }
    }
}
