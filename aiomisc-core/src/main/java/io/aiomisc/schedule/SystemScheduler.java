package io.aiomisc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@link Scheduler}: a task's virtual thread is created when the task is scheduled (so it inherits
 * the scheduling thread's inheritable thread locals) and started by one shared daemon timer thread when due.
 */
final class SystemScheduler implements Scheduler {

    static final SystemScheduler INSTANCE = new SystemScheduler();

    private final ThreadFactory threads = Thread.ofVirtual().name("aiomisc-schedule-", 0).factory();
    private final ScheduledThreadPoolExecutor timer;

    private SystemScheduler() {
        timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("aiomisc-timer").daemon(true).factory());
        // a cancelled schedule of hours must not stay in the queue for hours
        timer.setRemoveOnCancelPolicy(true);
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
        Timer handle = new Timer(threads.newThread(task));
        if (delay.isPositive()) {
            handle.future = timer.schedule(handle::fire, saturatedNanos(delay), TimeUnit.NANOSECONDS);
        } else {
            handle.fire();
        }
        return handle;
    }

    @Override
    public String toString() {
        return "Scheduler.system()";
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static final class Timer implements Cancellable {
        private static final int PENDING = 0;
        private static final int STARTED = 1;
        private static final int CANCELLED = 2;

        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final Thread thread;
        private volatile ScheduledFuture<?> future;

        Timer(Thread thread) {
            this.thread = thread;
        }

        void fire() {
            if (state.compareAndSet(PENDING, STARTED)) {
                thread.start();
            }
        }

        @Override
        public boolean cancel() {
            if (!state.compareAndSet(PENDING, CANCELLED)) {
                return false;
            }
            ScheduledFuture<?> pending = future;
            if (pending != null) {
                pending.cancel(false);
            }
            return true;
        }
    }
}
