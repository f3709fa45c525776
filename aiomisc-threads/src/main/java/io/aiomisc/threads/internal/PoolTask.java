package io.aiomisc.threads.internal;

/**
 * One queued unit of work. Exactly one party wins a task: the worker that {@link #claim()}s it
 * and runs it, or whoever {@link #abandon()}s it (a submitter that saw the pool shut down after
 * enqueuing, or {@code shutdownNow} draining the queue).
 *
 * <p>An interface rather than a base class so that a {@code call()} task can be its own
 * {@link java.util.concurrent.CompletableFuture}: one allocation per call.
 */
interface PoolTask {

    /** {@link #execute()} outcome: ran and returned normally. */
    int COMPLETED = 0;
    /** {@link #execute()} outcome: ran and threw. */
    int FAILED = 1;
    /** {@link #execute()} outcome: not run, because its future was already done (cancelled). */
    int SKIPPED = 2;

    /** Task state: queued, nobody has taken it. */
    int NEW = 0;
    /** Task state: a worker took it and runs (or ran) it. */
    int CLAIMED = 1;
    /** Task state: taken away from the workers; it will not run in the pool. */
    int ABANDONED = 2;

    /** Takes the task for running; false if it was abandoned. */
    boolean claim();

    /** Takes the task away from the workers; false if a worker already claimed it. */
    boolean abandon();

    /**
     * Runs the work on the calling worker and returns {@link #COMPLETED}, {@link #FAILED} or
     * {@link #SKIPPED}. May throw what a plain {@link Runnable} throws; the worker counts that as a
     * failure and logs it.
     */
    int execute();

    /** Publishes the outcome of {@link #execute()} (completes a future); called after the counters were updated. */
    void publish();

    /** Called once when {@code shutdownNow} drained the task before it started. */
    void drained();

    /** The task as the user knows it, for the list {@code shutdownNow} returns. */
    Runnable unwrap();
}
