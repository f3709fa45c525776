package io.aiomisc.schedule;

import io.aiomisc.stats.Measured;
import io.aiomisc.stats.Publication;
import io.aiomisc.stats.Statistics;
import io.aiomisc.threads.ThrowingRunnable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a callback again and again, waiting between runs as long as a {@link Strategy} says (aiomisc's
 * {@code RecurringCallback}). {@link PeriodicCallback} and {@link CronCallback} are built on it.
 *
 * <p>The loop: ask the strategy for a delay, wait, run the callback and wait for it to return, repeat.
 * Runs never overlap. A negative delay counts as zero (with a warning). The strategy may throw
 * {@link StrategySkip} to wait without running the callback, or {@link StrategyStop} to end the loop; if it
 * returns null or throws anything else, the loop ends (the latter makes the loop's future fail).
 *
 * <p>An exception thrown by the callback is logged at ERROR (unless its type is in
 * {@link RunOptions#suppressed()}), counted as a failed run, and the loop goes on. Only a
 * {@link VirtualMachineError} (such as {@link OutOfMemoryError}) ends the loop, making its future fail.
 *
 * <p>{@link #stop()} ends the loop: a pending wait is cancelled, and a running callback is interrupted unless
 * the loop was started with {@link RunOptions#shield()}, in which case it finishes first. A stopped callback
 * can be started again once its stop future has completed.
 *
 * <p>Where code runs: nothing runs on the thread that calls {@link #start}; the strategy and the callback run
 * on the threads of the {@link Scheduler} (with {@link Scheduler#system()}, a virtual thread per run). This
 * class is thread-safe.
 *
 * <p>Statistics: started while an entrypoint is {@link io.aiomisc.Entrypoint#current() current} (in a service's
 * {@code start()}, the main body, ...), the loop publishes its {@link #statistics()} over JMX as
 * {@code io.aiomisc:type=RecurringCallback,entrypoint=<id>,name=<name>} until it ends ({@link PeriodicCallback}
 * and {@link CronCallback} under their own types).
 */
public final class RecurringCallback implements Measured {

    /**
     * Decides how long to wait before each run.
     */
    @FunctionalInterface
    public interface Strategy {
        /**
         * Returns the delay before the next run; called before every run, including the first.
         *
         * @param callback the callback asking, for its {@link RecurringCallback#statistics()}
         * @return the delay; negative counts as zero, null ends the loop
         * @throws StrategySkip to wait {@link StrategySkip#delay()} without running the callback
         * @throws StrategyStop to end the loop
         * @throws Exception anything else ends the loop and fails its future
         */
        Duration nextDelay(RecurringCallback callback) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecurringCallback.class);

    private final String name;
    private final ThrowingRunnable callback;
    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private Loop current; // guarded by lock

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();

    /**
     * Creates a callback on {@link Scheduler#system()}.
     *
     * @param name the name used in log records and {@link #toString()}
     * @param callback the code to run
     * @throws NullPointerException if an argument is null
     */
    public RecurringCallback(String name, ThrowingRunnable callback) {
        this(name, callback, Scheduler.system());
    }

    /**
     * Creates a callback on the given scheduler.
     *
     * @param name the name used in log records and {@link #toString()}
     * @param callback the code to run
     * @param scheduler the clock and timer to run on
     * @throws NullPointerException if an argument is null
     */
    public RecurringCallback(String name, ThrowingRunnable callback, Scheduler scheduler) {
        this.name = Objects.requireNonNull(name, "name");
        this.callback = Objects.requireNonNull(callback, "callback");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Starts the loop with {@link RunOptions#DEFAULT}. Returns at once.
     *
     * @param strategy decides the delay before each run
     * @return a future that completes when the loop has ended and no run is in progress (after
     *         {@link #stop()} or {@link StrategyStop}); it fails when the strategy failed
     * @throws NullPointerException if {@code strategy} is null
     * @throws IllegalStateException if the loop is running or still stopping
     */
    public CompletableFuture<Void> start(Strategy strategy) {
        return start(strategy, RunOptions.DEFAULT);
    }

    /**
     * Starts the loop. Returns at once; the strategy is first asked on a scheduler thread.
     *
     * @param strategy decides the delay before each run
     * @param options shield and suppressed exceptions
     * @return a future that completes when the loop has ended and no run is in progress (after
     *         {@link #stop()} or {@link StrategyStop}); it fails when the strategy failed
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the loop is running or still stopping
     */
    public CompletableFuture<Void> start(Strategy strategy, RunOptions options) {
        return start(strategy, options, this);
    }

    /** Starts the loop, publishing {@code measured}'s statistics to the current entrypoint until the loop ends. */
    CompletableFuture<Void> start(Strategy strategy, RunOptions options, Measured measured) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(options, "options");
        Loop loop = new Loop(strategy, options);
        lock.lock();
        try {
            if (current != null && !current.ended.isDone()) {
                throw new IllegalStateException(this + " is already running; stop it and wait for stop() first");
            }
            current = loop;
        } finally {
            lock.unlock();
        }
        // Before the first run, so that the loop cannot have ended (and missed closing it) yet.
        loop.publication = Statistics.publishToCurrent(measured).orElse(null);
        loop.arm(Duration.ZERO, loop::ask);
        return loop.ended;
    }

    /**
     * Ends the loop: cancels a pending wait and interrupts a running callback (unless shielded). Returns at
     * once; idempotent; a callback that is not running gives a completed future. A callback may call this on
     * itself (it is then not interrupted) but must not wait for the returned future.
     *
     * @return the loop's future (see {@link #start(Strategy, RunOptions)}), complete once the loop has ended
     */
    public CompletableFuture<Void> stop() {
        Loop loop;
        lock.lock();
        try {
            loop = current;
            if (loop == null) {
                return CompletableFuture.completedFuture(null);
            }
            loop.requestStop();
        } finally {
            lock.unlock();
        }
        loop.cancelTimer();
        return loop.ended;
    }

    /**
     * Returns whether the loop is running (started and its future not complete yet). Never blocks.
     *
     * @return true between {@link #start} and the end of the loop
     */
    public boolean isRunning() {
        lock.lock();
        try {
            return current != null && !current.ended.isDone();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the counters since this object was created; they keep counting across restarts. Never blocks.
     *
     * @return a snapshot of the statistics
     */
    @Override
    public CallbackStatistics statistics() {
        return new CallbackStatistics(calls.get(), done.get(), failed.get(), Duration.ofNanos(totalNanos.get()));
    }

    /**
     * Returns the name given to the constructor.
     *
     * @return the name
     */
    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "RecurringCallback[" + name + (isRunning() ? ", running]" : ", stopped]");
    }

    /** One run of the loop, from start() to its end; a restart creates a new one. */
    private final class Loop {
        final Strategy strategy;
        final RunOptions options;
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        volatile Publication publication; // set by start() before the first run; closed when the loop ends
        // all guarded by lock
        boolean stopping;
        boolean interruptSent;
        Scheduler.Cancellable timer;
        Thread runner;

        Loop(Strategy strategy, RunOptions options) {
            this.strategy = strategy;
            this.options = options;
        }

        /** Asks the strategy and arms the timer for the next run, or ends the loop. */
        void ask() {
            if (isStopping()) {
                end(null);
                return;
            }
            Duration delay;
            Runnable next = this::runOnce;
            try {
                delay = strategy.nextDelay(RecurringCallback.this);
                if (delay == null) {
                    LOG.warn("Strategy of {} returned no delay; stopping", name);
                    end(null);
                    return;
                }
                if (delay.isNegative()) {
                    LOG.warn("Strategy of {} returned a negative delay {}; zero is used", name, delay);
                    delay = Duration.ZERO;
                }
            } catch (StrategySkip skip) {
                delay = skip.delay().isNegative() ? Duration.ZERO : skip.delay();
                next = this::ask;
            } catch (StrategyStop stop) {
                end(null);
                return;
            } catch (Exception | Error e) {
                LOG.error("Strategy of {} failed; stopping", name, e);
                end(e);
                return;
            }
            arm(delay, next);
        }

        void arm(Duration delay, Runnable action) {
            boolean stopped;
            lock.lock();
            try {
                stopped = stopping;
                if (!stopped) {
                    timer = scheduler.schedule(delay, action);
                }
            } finally {
                lock.unlock();
            }
            if (stopped) {
                end(null);
            }
        }

        void runOnce() {
            boolean stoppedBeforeRun;
            lock.lock();
            try {
                timer = null;
                stoppedBeforeRun = stopping;
                if (!stoppedBeforeRun) {
                    runner = Thread.currentThread();
                }
            } finally {
                lock.unlock();
            }
            if (stoppedBeforeRun) {
                end(null);
                return;
            }
            Throwable failure = invoke();
            boolean stopped;
            boolean ourInterrupt;
            lock.lock();
            try {
                runner = null;
                stopped = stopping;
                ourInterrupt = interruptSent;
            } finally {
                lock.unlock();
            }
            if (ourInterrupt) {
                // the interrupt was meant for the callback; do not leak it into the scheduler's thread
                Thread.interrupted();
            }
            count(failure, ourInterrupt);
            if (failure instanceof VirtualMachineError) {
                end(failure);
            } else if (stopped) {
                end(null);
            } else {
                ask();
            }
        }

        private Throwable invoke() {
            calls.incrementAndGet();
            long begin = scheduler.nanoTime();
            try {
                callback.run();
                return null;
            } catch (Exception | Error e) {
                return e;
            } finally {
                totalNanos.addAndGet(scheduler.nanoTime() - begin);
            }
        }

        private void count(Throwable failure, boolean interruptedByStop) {
            if (failure == null) {
                done.incrementAndGet();
            } else if (interruptedByStop) {
                LOG.debug("{} was interrupted by stop()", name, failure);
            } else {
                failed.incrementAndGet();
                if (!options.isSuppressed(failure)) {
                    LOG.error("{} failed", name, failure);
                }
            }
        }

        /** Called with the lock held. */
        void requestStop() {
            if (stopping) {
                return;
            }
            stopping = true;
            Thread running = runner;
            if (running != null && !options.shield() && running != Thread.currentThread()) {
                interruptSent = true;
                running.interrupt();
            }
        }

        void cancelTimer() {
            Scheduler.Cancellable pending;
            lock.lock();
            try {
                pending = timer;
                timer = null;
            } finally {
                lock.unlock();
            }
            if (pending != null && pending.cancel()) {
                end(null);
            }
        }

        private boolean isStopping() {
            lock.lock();
            try {
                return stopping;
            } finally {
                lock.unlock();
            }
        }

        private void end(Throwable failure) {
            Publication published = publication;
            if (published != null) {
                published.close();
            }
            if (failure == null) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(failure);
            }
        }
    }
}
