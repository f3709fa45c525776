package io.aiomisc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The real {@link Scheduler}: one virtual thread per scheduled task, sleeping until the task is due. */
final class SystemScheduler implements Scheduler {

    static final SystemScheduler INSTANCE = new SystemScheduler();

    private final ThreadFactory threads = Thread.ofVirtual().name("aiomisc-schedule-", 0).factory();

    private SystemScheduler() {
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        Timer timer = new Timer(delay, task);
        Thread thread = threads.newThread(timer);
        timer.thread = thread;
        thread.start();
        return timer;
    }

    @Override
    public String toString() {
        return "Scheduler.system()";
    }

    private static final class Timer implements Runnable, Cancellable {
        private static final int PENDING = 0;
        private static final int STARTED = 1;
        private static final int CANCELLED = 2;

        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final Duration delay;
        private final Runnable task;
        private volatile Thread thread;

        Timer(Duration delay, Runnable task) {
            this.delay = delay;
            this.task = task;
        }

        @Override
        public void run() {
            if (delay.isPositive()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException cancelled) {
                    // only cancel() interrupts this thread before the task starts
                    return;
                }
            }
            if (state.compareAndSet(PENDING, STARTED)) {
                task.run();
            }
        }

        @Override
        public boolean cancel() {
            if (!state.compareAndSet(PENDING, CANCELLED)) {
                return false;
            }
            // wakes the sleeping thread so that no timer outlives its cancellation
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
            return true;
        }
    }
}
