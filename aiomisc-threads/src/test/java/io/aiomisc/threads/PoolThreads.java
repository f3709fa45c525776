package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Test support: unique pool names and the pool's worker threads. */
final class PoolThreads {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private PoolThreads() {
    }

    /** A pool name no other test uses, so its threads can be found by name. */
    static String uniqueName(String base) {
        return base + POOLS.incrementAndGet();
    }

    /** The live worker threads of the pool called {@code poolName}. */
    static List<Thread> workers(String poolName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(poolName + "-"))
                .toList();
    }

    /**
     * Waits until every worker thread is parked without a timeout (state WAITING): the pool is
     * idle and any further task needs a wake-up. Fails after 10 s.
     */
    static void awaitAllParked(List<Thread> workers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!workers.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
            if (System.nanoTime() - deadline > 0) {
                fail("pool workers never all went idle (parked): " + workers.stream()
                        .map(thread -> thread.getName() + "=" + thread.getState()).toList());
            }
            LockSupport.parkNanos(20_000);
        }
    }
}
