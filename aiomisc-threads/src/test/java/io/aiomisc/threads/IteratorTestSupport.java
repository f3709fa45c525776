package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Executors and waiting helpers for the iterator tests; every wait is bounded and polls a condition. */
final class IteratorTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private IteratorTestSupport() {
    }

    /** An executor that starts a new platform thread named {@code prefix-N} per task and counts tasks. */
    static final class ThreadPerTask implements Executor {
        private final String prefix;
        private final AtomicInteger counter = new AtomicInteger();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        ThreadPerTask(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void execute(Runnable task) {
            Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        int submitted() {
            return counter.get();
        }
    }

    /** Polls {@code condition} until it holds, failing with {@code message} after {@link #PATIENCE}. */
    static void awaitCondition(String message, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(message);
            }
            Thread.yield();
        }
    }

    /** Waits until {@code thread} is parked by a {@link HandOff}, i.e. blocked in emit or hasNext. */
    static void awaitParkedInHandOff(Thread thread) {
        awaitCondition(thread + " never blocked in the hand-off (state " + thread.getState() + ")",
                () -> thread.getState() == Thread.State.WAITING && LockSupport.getBlocker(thread) instanceof HandOff);
    }

    static void join(Thread thread) throws InterruptedException {
        thread.join(PATIENCE);
        if (thread.isAlive()) {
            fail(thread + " is still alive: its producer was not released");
        }
    }
}
