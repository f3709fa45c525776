package io.aiomisc.service;

import io.aiomisc.Service;
import io.aiomisc.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that tracks the tasks it spawns and lets them finish when it stops (aiomisc's long-open
 * {@code GracefulService} request, PR #53).
 *
 * <p>{@link #spawn(String, Callable)} runs a task on a virtual thread of its own and tracks it until it ends.
 * On stop, no new task is accepted; the running ones get up to {@link #gracePeriod()} to finish; those still
 * running are then interrupted, their futures cancelled, and a warning names them. {@link #lastStopReport()}
 * tells a caller the same.
 *
 * <p>A subclass that overrides {@link #stop(Throwable)} calls {@code super.stop(cause)} where the tasks
 * should be drained (usually last).
 *
 * <p>Thread-safety: every public and protected method may be called from any thread.
 */
public abstract class GracefulService extends Service {

    /** Ten seconds. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(GracefulService.class);
    /** How long interrupted tasks get to unwind before the stop returns without them. */
    private static final Duration UNWIND = Duration.ofSeconds(1);

    private final Duration gracePeriod;
    private final Map<Task<?>, Boolean> tasks = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong ids = new AtomicLong();
    private boolean accepting = true; // guarded by lock
    private volatile StopReport lastStop = new StopReport(List.of(), List.of());

    /** Creates the service with {@link #DEFAULT_GRACE_PERIOD}. */
    protected GracefulService() {
        this(DEFAULT_GRACE_PERIOD);
    }

    /**
     * Creates the service.
     *
     * @param gracePeriod how long a stop waits for running tasks before it interrupts them; zero or positive
     * @throws NullPointerException if {@code gracePeriod} is null
     * @throws IllegalArgumentException if {@code gracePeriod} is negative
     */
    protected GracefulService(Duration gracePeriod) {
        this.gracePeriod = Checks.nonNegative(gracePeriod, "gracePeriod");
    }

    /**
     * What the last stop found.
     *
     * @param finished names of the tasks that finished within the grace period
     * @param cancelled names of the tasks that were still running and got interrupted
     */
    public record StopReport(List<String> finished, List<String> cancelled) {
        /**
         * Copies the lists.
         *
         * @throws NullPointerException if a list or an element is null
         */
        public StopReport {
            finished = List.copyOf(finished);
            cancelled = List.copyOf(cancelled);
        }
    }

    /**
     * Runs {@code task} on a new virtual thread named after the service and {@code name}, tracked until it ends.
     * Returns at once.
     *
     * @param name a name for logs and the {@link StopReport}
     * @param task the work
     * @param <T> the result type
     * @return a future of the task's result; it fails with the task's exception, or with a
     *         {@link CancellationException} when a stop interrupted the task
     * @throws NullPointerException if an argument is null
     * @throws RejectedExecutionException if the service is stopping or stopped
     */
    protected final <T> CompletableFuture<T> spawn(String name, Callable<T> task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Task<T> tracked = new Task<>(name + "#" + ids.incrementAndGet(), task);
        lock.lock();
        try {
            if (!accepting) {
                throw new RejectedExecutionException(this + " is stopping; task '" + name + "' was not started");
            }
            tasks.put(tracked, Boolean.TRUE);
            tracked.thread = Thread.ofVirtual().name("aiomisc-" + name() + "-" + tracked.name).unstarted(tracked);
            tracked.thread.start();
        } finally {
            lock.unlock();
        }
        return tracked.result;
    }

    /**
     * Returns the names of the tasks running now. Never blocks.
     *
     * @return a snapshot, in no particular order
     */
    public final List<String> runningTasks() {
        return tasks.keySet().stream().map(t -> t.name).toList();
    }

    /**
     * Returns the grace period.
     *
     * @return how long a stop waits for running tasks
     */
    public final Duration gracePeriod() {
        return gracePeriod;
    }

    /**
     * Returns what the last stop found: the tasks that finished in time and those that were interrupted.
     *
     * @return the report; empty lists before the first stop
     */
    public final StopReport lastStopReport() {
        return lastStop;
    }

    /** Accepts tasks again (after a previous stop) and returns; subclasses spawn their work here. */
    @Override
    protected void start() throws Exception {
        lock.lock();
        try {
            accepting = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting tasks, waits up to the grace period for running ones, then interrupts the rest and
     * reports them. Blocks for at most the grace period plus a second.
     *
     * @throws InterruptedException if interrupted while waiting; running tasks are interrupted first
     */
    @Override
    protected void stop(Throwable cause) throws Exception {
        lock.lock();
        try {
            accepting = false;
        } finally {
            lock.unlock();
        }
        List<Task<?>> running = new ArrayList<>(tasks.keySet());
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        List<String> finished = new ArrayList<>();
        List<Task<?>> late = new ArrayList<>();
        try {
            for (Task<?> task : running) {
                if (awaitEnd(task, deadline)) {
                    finished.add(task.name);
                } else {
                    late.add(task);
                }
            }
        } catch (InterruptedException e) {
            running.forEach(Task::cancel);
            throw e;
        }
        late.forEach(Task::cancel);
        long unwind = System.nanoTime() + UNWIND.toNanos();
        for (Task<?> task : late) {
            awaitEnd(task, unwind);
        }
        List<String> cancelled = late.stream().map(t -> t.name).toList();
        if (!cancelled.isEmpty()) {
            LOG.warn("{}: {} task(s) still running after the grace period of {} were interrupted: {}",
                    this, cancelled.size(), gracePeriod, cancelled);
        }
        lastStop = new StopReport(finished, cancelled);
    }

    private static boolean awaitEnd(Task<?> task, long deadline) throws InterruptedException {
        try {
            task.ended.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException notYet) {
            return false;
        } catch (java.util.concurrent.ExecutionException impossible) {
            return true;
        }
    }

    private final class Task<T> implements Runnable {
        final String name;
        final Callable<T> body;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        volatile Thread thread;
        volatile boolean cancelled;

        Task(String name, Callable<T> body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public void run() {
            try {
                result.complete(body.call());
            } catch (Exception | Error e) {
                if (cancelled) {
                    CancellationException c = new CancellationException(name + " was interrupted by the stop of "
                            + GracefulService.this);
                    c.initCause(e);
                    result.completeExceptionally(c);
                } else {
                    LOG.error("{}: task {} failed", GracefulService.this, name, e);
                    result.completeExceptionally(e);
                }
            } finally {
                tasks.remove(this);
                ended.complete(null);
            }
        }

        void cancel() {
            cancelled = true;
            thread.interrupt();
        }
    }
}
