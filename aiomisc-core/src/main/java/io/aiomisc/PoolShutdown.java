package io.aiomisc;

import io.aiomisc.threads.ThreadPool;
import io.aiomisc.threads.ThreadPoolStatistics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shuts the entrypoint's pool down within what is left of the shutdown timeout. */
final class PoolShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Entrypoint.class);

    private PoolShutdown() {
    }

    /**
     * Lets queued and running tasks finish until the deadline, then interrupts them.
     *
     * @return true if tasks were still running at the deadline (recorded as a failure)
     */
    static boolean shutdown(ThreadPool pool, long deadlineNanos, Duration timeout, Failures failures,
                            Object source) {
        pool.shutdown();
        boolean finished;
        boolean interrupted = false;
        try {
            finished = pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            finished = pool.isTerminated();
        }
        if (!finished && inFlight(pool) == 0) {
            // Nothing runs or waits: only the idle workers are still on their way out, which is no overrun.
            finished = true;
        }
        if (!finished) {
            int dropped = pool.shutdownNow().size();
            TimeoutException late = new TimeoutException("tasks of thread pool " + pool.name() + " still ran "
                    + timeout.toMillis() + " ms into the stop; interrupted them and dropped " + dropped
                    + " queued tasks");
            LOG.warn("{}", late.getMessage());
            failures.add(source, "thread pool " + pool.name() + " overran the shutdown timeout", late);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !finished;
    }

    private static long inFlight(ThreadPool pool) {
        ThreadPoolStatistics statistics = pool.statistics();
        return statistics.submitted() - statistics.completed() - statistics.failed();
    }
}
