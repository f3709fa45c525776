package io.aiomisc.threads.internal;

import io.aiomisc.threads.ThreadPoolStatistics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@code io.aiomisc.threads.ThreadPool}: an unbounded JCTools MPMC queue,
 * a fixed set of workers, and the wake-up protocol between submitters and idle workers.
 *
 * <p>The wake-up is a Dekker handshake. A submitter offers its task, issues a full fence, then
 * looks for an idle worker; an idle worker registers itself (as the spinner, or on the stack of
 * parked workers), issues a full fence, then polls the queue once more before it parks. With
 * both fences at least one side sees the other's write, so no task is left in the queue while
 * every worker sleeps. Idle workers park without a timeout: a lost wake-up would show as a hang,
 * not as latency, and parked workers cost no CPU.
 *
 * <p>The queue is JCTools' {@link MpmcUnboundedXaddArrayQueue}: unbounded like
 * {@code ThreadPoolExecutor}'s default {@code LinkedBlockingQueue}, one {@code getAndAdd} per offer,
 * no node per element. JCTools has no Unsafe-free ({@code org.jctools.queues.atomic}) unbounded
 * MPMC queue; on JDK 24+ its first use prints the JDK's {@code sun.misc.Unsafe} warning unless
 * the application runs with {@code --sun-misc-unsafe-memory-access=allow}.
 *
 * <p>Shutdown uses the same discipline: a worker exits only after it saw the run state change
 * <em>and then</em> found the queue empty, and a submitter that sees the change after enqueuing
 * takes its task back ({@link PoolTask#abandon()}) unless a worker already claimed it. So every
 * accepted task either runs or is returned by {@code shutdownNow}.
 */
public final class PoolEngine {

    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.threads.ThreadPool");

    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;
    private static final String[] STATE_NAMES = {"RUNNING", "SHUTDOWN", "STOP"};

    private static final int QUEUE_CHUNK_SIZE = 256;
    private static final int QUEUE_POOLED_CHUNKS = 2;

    private static final VarHandle RUN_STATE =
            FieldHandles.find(MethodHandles.lookup(), PoolEngine.class, "runState", int.class);

    private final String name;
    private final Runnable workerSetup;
    private final MpmcUnboundedXaddArrayQueue<PoolTask> queue =
            new MpmcUnboundedXaddArrayQueue<>(QUEUE_CHUNK_SIZE, QUEUE_POOLED_CHUNKS);
    private final Worker[] workers;
    private final IdleWorkers idle;
    private final LongAdder submitted = new LongAdder();
    private final CountDownLatch liveWorkers;
    private volatile int runState;

    /**
     * Creates the workers without starting them; {@link #start()} starts them.
     *
     * @param name the pool name; threads are called {@code name-1} to {@code name-threads}
     * @param threads number of workers, at least 1 (validated by the caller)
     * @param workerSetup run first on every worker thread (binds the default pool)
     */
    public PoolEngine(String name, int threads, Runnable workerSetup) {
        this.name = name;
        this.workerSetup = workerSetup;
        this.workers = new Worker[threads];
        this.liveWorkers = new CountDownLatch(threads);
        Thread.Builder builder = Thread.ofPlatform()
                .name(name + "-", 1)
                .daemon(true)
                .inheritInheritableThreadLocals(false);
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(i + 1, builder, this);
        }
        this.idle = new IdleWorkers(workers);
    }

    /**
     * Starts every worker. If a thread cannot be started, stops the ones already started and
     * rethrows.
     */
    public void start() {
        for (int i = 0; i < workers.length; i++) {
            try {
                workers[i].thread.start();
            } catch (RuntimeException | Error e) {
                shutdownNow();
                for (int notStarted = i; notStarted < workers.length; notStarted++) {
                    liveWorkers.countDown();
                }
                throw e;
            }
        }
    }

    /** Enqueues a callable; see {@code ThreadPool.call}. */
    public <T> CompletableFuture<T> call(Callable<T> callable) {
        CallTask<T> task = new CallTask<>(callable, idle);
        submit(task);
        return task;
    }

    /** Enqueues a runnable; see {@code ThreadPool.execute}. */
    public void execute(Runnable runnable) {
        submit(new RunnableTask(runnable));
    }

    private void submit(PoolTask task) {
        if (runState != RUNNING) {
            throw rejected();
        }
        submitted.increment();
        queue.offer(task);
        // Dekker, submitter side: the offer must be visible before we read the spinner token and
        // the idle stack, and before we re-read the run state.
        VarHandle.fullFence();
        if (runState != RUNNING && task.abandon()) {
            submitted.decrement();
            throw rejected();
        }
        idle.signal();
    }

    private RejectedExecutionException rejected() {
        return new RejectedExecutionException(
                this + " is shut down and accepts no new tasks; submit them before shutdown() or close()");
    }

    /** The body of every worker thread. */
    void runWorker(Worker worker) {
        try {
            workerSetup.run();
            boolean spinner = false;
            PoolTask task;
            while ((task = nextTask(worker, spinner)) != null) {
                spinner = runTask(worker, task);
            }
        } catch (Throwable e) {
            LOG.error("{}: worker thread {} died unexpectedly", this, worker.thread.getName(), e);
            throw e;
        } finally {
            worker.idle();
            worker.state(Worker.EXITED);
            liveWorkers.countDown();
        }
    }

    /** The next claimed task; {@code spinner} says whether this worker holds the spinner token. */
    private PoolTask nextTask(Worker worker, boolean spinner) {
        if (runState >= STOP) {
            if (spinner) {
                idle.releaseToken();
            }
            return null;
        }
        PoolTask task = spinner ? null : pollClaimed();
        if (task == null) {
            worker.idle();
            task = awaitTask(worker, spinner);
            if (task == null) {
                return null;
            }
        }
        worker.busy();
        return task;
    }

    /**
     * Waits for a task: spins if it holds the spinner token or can take it, then parks. Null once
     * the worker must exit.
     */
    private PoolTask awaitTask(Worker worker, boolean spinner) {
        PoolTask task = spinner || (runState == RUNNING && idle.tryStartSpinning()) ? spinForTask() : null;
        while (task == null) {
            int state = runState;
            if (state != RUNNING) {
                // Every task accepted before the shutdown was offered before this read of the state.
                return state == SHUTDOWN ? pollClaimed() : null;
            }
            idle.register(worker);
            // Dekker, worker side: registration must be visible before we look at the queue again.
            VarHandle.fullFence();
            task = pollClaimed();
            if (task == null && runState == RUNNING) {
                parkWhileRegistered(worker);
                task = pollClaimed();
            }
            idle.unregister(worker);
        }
        wakeAnotherIfBacklog();
        return task;
    }

    /**
     * Polls the queue for a short while as the spinner, then gives the token back and polls once
     * more: submitters that saw us spinning skipped their wake-up. A task is claimed before the
     * token goes back, so a caller waiting on it sees it running or a spinner, never neither.
     */
    private PoolTask spinForTask() {
        PoolTask task;
        long deadline = idle.spinUntil();
        for (int spins = 1; (task = pollClaimed()) == null; spins++) {
            Thread.onSpinWait();
            if (spins % Spinning.SPINS_PER_CLOCK_READ == 0 && System.nanoTime() - deadline > 0) {
                break;
            }
        }
        idle.releaseToken();
        return task != null ? task : pollClaimed();
    }

    /** Parks until a submitter or shutdown takes us off the idle stack. */
    private void parkWhileRegistered(Worker worker) {
        while (idle.isParking(worker)) {
            LockSupport.park(this);
            // An interrupt meant for a finished task (a late cancel(true)) must not turn parking
            // into spinning; shutdownNow() wakes us through the idle stack, not through the flag.
            Thread.interrupted();
        }
    }

    /**
     * A worker that just left idleness with a task hands any backlog on to a parked colleague:
     * while it was spinning, submitters skipped their wake-ups.
     */
    private void wakeAnotherIfBacklog() {
        if (!queue.isEmpty()) {
            idle.signal();
        }
    }

    /**
     * The next task a worker may run, already claimed; abandoned tasks (rejected after enqueuing,
     * or drained) are dropped on the way.
     */
    private PoolTask pollClaimed() {
        PoolTask task;
        while ((task = queue.poll()) != null && !task.claim()) {
            // abandoned: skip it
        }
        return task;
    }

    /**
     * Runs a claimed task. Returns true if the worker took the spinner token on the way: with the
     * queue empty it is about to go idle, and it takes the token <em>before</em> publishing the
     * result, so a caller that reacts to the result by submitting again finds a spinner rather
     * than waking a parked worker it does not need. The price: dependent actions that run long
     * inside {@code publish()} hold the token meanwhile, so a task another thread submits during
     * the first ~100 us of them waits for this worker unless a later submit sees the spinner
     * overrun (see {@link IdleWorkers#signal()}) and wakes another worker. A dependent action
     * that submits, or that waits for a task of this pool, gives the token up and wakes a worker
     * ({@link IdleWorkers#beforeBlocking()}), so it never waits for itself.
     */
    private boolean runTask(Worker worker, PoolTask task) {
        // Like ThreadPoolExecutor: a task never inherits an interrupt aimed at an earlier one,
        // but keeps the one shutdownNow() delivered.
        if (Thread.interrupted() && runState >= STOP) {
            Thread.currentThread().interrupt();
        }
        int outcome;
        try {
            outcome = task.execute();
        } catch (Throwable e) {
            outcome = PoolTask.FAILED;
            LOG.error("{}: task {} threw; the worker carries on", this, task.unwrap(), e);
        }
        worker.record(outcome);
        boolean spinner = queue.isEmpty() && runState == RUNNING && idle.tryStartSpinning();
        task.publish();
        // A dependent action that waited for a task of this pool gave the token up.
        return spinner && idle.holdsToken();
    }

    /** Starts an orderly shutdown; see {@code ThreadPool.shutdown}. */
    public void shutdown() {
        advanceRunState(SHUTDOWN);
        VarHandle.fullFence();
        idle.wakeAll();
    }

    /** Stops the pool and returns the drained tasks; see {@code ThreadPool.shutdownNow}. */
    public List<Runnable> shutdownNow() {
        advanceRunState(STOP);
        VarHandle.fullFence();
        idle.wakeAll();
        for (Worker worker : workers) {
            worker.thread.interrupt();
        }
        List<Runnable> drained = new ArrayList<>();
        PoolTask task;
        while ((task = queue.poll()) != null) {
            if (task.abandon()) {
                task.drained();
                drained.add(task.unwrap());
            }
        }
        return drained;
    }

    private void advanceRunState(int target) {
        int current;
        do {
            current = runState;
        } while (current < target && !RUN_STATE.compareAndSet(this, current, target));
    }

    /** True once shutdown started. */
    public boolean isShutdown() {
        return runState != RUNNING;
    }

    /** True once every worker thread has ended. */
    public boolean isTerminated() {
        return liveWorkers.getCount() == 0;
    }

    /** Blocks until every worker ended or the timeout elapsed; true if they ended. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return liveWorkers.await(timeout, unit);
    }

    /** True if {@code thread} is one of this pool's workers. */
    public boolean isWorker(Thread thread) {
        for (Worker worker : workers) {
            if (worker.thread == thread) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot of the counters; see {@code ThreadPool.statistics}. */
    public ThreadPoolStatistics statistics() {
        long completed = 0;
        long failed = 0;
        long busyNanos = 0;
        long now = System.nanoTime();
        for (Worker worker : workers) {
            completed += worker.completed();
            failed += worker.failed();
            busyNanos += worker.busyNanos(now);
        }
        // The counters are read one after another: never report more outcomes than submissions.
        long accepted = Math.max(submitted.sum(), completed + failed);
        return new ThreadPoolStatistics(
                (int) liveWorkers.getCount(), accepted, completed, failed, queue.size(), Duration.ofNanos(busyNanos));
    }

    /** The pool's name, its run state and its live thread count. */
    @Override
    public String toString() {
        String state = isTerminated() ? "TERMINATED" : STATE_NAMES[runState];
        return "ThreadPool[" + name + ", " + state + ", threads=" + liveWorkers.getCount() + "]";
    }
}
