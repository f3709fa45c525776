package io.aiomisc.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Ticker} whose clock moves only when told: {@link #advance(Duration)} runs every timer task that falls
 * due on the way, in time order, on the advancing thread; {@link #sleep(Duration)} advances and returns at once.
 * Thread-safe.
 */
public final class FakeTicker implements Ticker {

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private long now = 1_000_000_000L;
    private long sequence;

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        lock.lock();
        try {
            sleeps.add(duration);
        } finally {
            lock.unlock();
        }
        advance(duration);
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        lock.lock();
        try {
            Task scheduled = new Task(task, now + Math.max(0, delay.toNanos()), sequence++);
            tasks.add(scheduled);
            return scheduled;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the clock forward, running due tasks at their due times. */
    public void advance(Duration duration) {
        long target;
        lock.lock();
        try {
            target = now + duration.toNanos();
        } finally {
            lock.unlock();
        }
        while (true) {
            Task due;
            lock.lock();
            try {
                due = tasks.peek();
                if (due == null || due.due > target) {
                    now = Math.max(now, target);
                    return;
                }
                tasks.poll();
                now = Math.max(now, due.due);
            } finally {
                lock.unlock();
            }
            due.run();
        }
    }

    /** The durations passed to {@link #sleep(Duration)}, in order. */
    public List<Duration> sleeps() {
        lock.lock();
        try {
            return List.copyOf(sleeps);
        } finally {
            lock.unlock();
        }
    }

    /** Scheduled tasks not yet run or cancelled. */
    public int pendingTasks() {
        lock.lock();
        try {
            return (int) tasks.stream().filter(task -> !task.isCancelled()).count();
        } finally {
            lock.unlock();
        }
    }

    private static final class Task extends FutureTask<Void> implements Comparable<Task> {
        final long due;
        final long order;

        Task(Runnable runnable, long due, long order) {
            super(runnable, null);
            this.due = due;
            this.order = order;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(due, other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
