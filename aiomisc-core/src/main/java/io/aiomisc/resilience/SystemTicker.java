package io.aiomisc.resilience;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The wall-clock {@link Ticker}: one lazily started daemon timer thread for the whole JVM, which starts each due
 * task on a virtual thread.
 */
final class SystemTicker implements Ticker {

    static final SystemTicker INSTANCE = new SystemTicker();

    private SystemTicker() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        Thread.sleep(duration);
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        long nanos = Math.max(0, Durations.saturatedNanos(delay));
        // Off the one timer thread: completing a caller's future runs the caller's dependent actions, which may block.
        return Timer.EXECUTOR.schedule(() -> Thread.ofVirtual().name("aiomisc-timer-task").start(task), nanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "Ticker.system()";
    }

    /** Holder idiom: the timer thread starts only when something is first scheduled. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            // The timer outlives whoever scheduled first: it must not inherit that thread's inheritable locals
            // (an entrypoint's pool binding, say), or it would keep them reachable and hand them on.
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> Thread.ofPlatform()
                    .name("aiomisc-timer").daemon(true).inheritInheritableThreadLocals(false).unstarted(runnable));
            // Attempt watchdogs are cancelled far more often than they fire: keep the queue free of them.
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
