package io.aiomisc.aggregate;

import io.aiomisc.resilience.Ticker;
import io.aiomisc.stats.Measured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers single-argument calls from many threads into one batch call (aiomisc's {@code @aggregate} and
 * {@code @aggregate_async}).
 *
 * <pre>{@code
 * Aggregator<Long, User> users = Aggregator.builder(Duration.ofMillis(5), (List<Long> ids) -> db.loadAll(ids))
 *         .maxCount(100)
 *         .build();
 * User user = users.call(42L);   // from any number of (virtual) threads
 * }</pre>
 *
 * <p><b>Semantics.</b> The first call of a batch opens it; later calls join it. The batch is closed and handed
 * to the batch function when {@code leeway} has passed since its <em>first</em> call, or at once by the call
 * that brings it to {@code maxCount} arguments. The batch function runs on the aggregator's executor (by
 * default a new virtual thread per batch), never on a caller's thread, so callers only wait for their own
 * answer: a caller that is interrupted while its batch runs leaves, and the others still get their results
 * (aiomisc re-runs a batch whose executing task was cancelled; here no caller executes it, so nothing needs
 * re-running). Every caller gets the result at its argument's position, or the batch's exception; a batch
 * function that returns the wrong number of results fails every caller with an {@link IllegalStateException}
 * that says so. The default executor's threads inherit no thread-locals from the callers.
 *
 * <p>Thread-safe. Gathering takes one short lock per call; the batch function itself runs outside it.
 *
 * @param <A> the argument type of one call
 * @param <R> the result type of one call
 */
public final class Aggregator<A, R> implements Measured {

    private final String name;
    private final Duration leeway;
    private final int maxCount;
    private final ItemBatchFunction<A, R> function;
    private final Ticker ticker;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private Batch<A, R> open; // guarded by lock

    private final LongAdder calls = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    Aggregator(AggregatorBuilder<A, R> builder) {
        this.name = builder.name == null ? "aggregator" : builder.name;
        this.leeway = builder.leeway;
        this.maxCount = builder.maxCount == 0 ? Integer.MAX_VALUE : builder.maxCount;
        this.function = builder.function;
        this.ticker = builder.ticker == null ? Ticker.system() : builder.ticker;
        this.executor = builder.executor == null
                ? task -> startBatchThread(this.name, task) : builder.executor;
    }

    /**
     * Returns a builder for an aggregator over a batch function that returns one result per argument.
     *
     * @param leeway   how long a batch gathers calls after its first; must be positive
     * @param function the batch function
     * @param <A>      the argument type of one call
     * @param <R>      the result type of one call
     * @return a new builder
     * @throws IllegalArgumentException if {@code leeway} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <A, R> AggregatorBuilder<A, R> builder(Duration leeway, BatchFunction<A, R> function) {
        Objects.requireNonNull(function, "function must not be null");
        return new AggregatorBuilder<>(leeway, items -> applyList(function, items));
    }

    /**
     * Returns a builder for an aggregator over a low-level batch function that answers each call itself
     * (aiomisc's {@code aggregate_async}).
     *
     * @param leeway   how long a batch gathers calls after its first; must be positive
     * @param function the low-level batch function
     * @param <A>      the argument type of one call
     * @param <R>      the result type of one call
     * @return a new builder
     * @throws IllegalArgumentException if {@code leeway} is zero or negative
     * @throws NullPointerException     if an argument is null
     */
    public static <A, R> AggregatorBuilder<A, R> itemBuilder(Duration leeway, ItemBatchFunction<A, R> function) {
        Objects.requireNonNull(function, "function must not be null");
        return new AggregatorBuilder<>(leeway, function);
    }

    /**
     * Joins the open batch (opening one if needed) and blocks until this call's answer is known.
     *
     * @param argument this call's argument, possibly null
     * @return this call's result from the batch
     * @throws InterruptedException if the calling thread is interrupted while it waits; the batch goes on and
     *                              the other callers still get their answers
     * @throws Exception            the batch function's exception (the same instance for every caller of the
     *                              batch), an {@link IllegalStateException} if it returned the wrong number of
     *                              results, or a {@link ResultNotSetException} if it left this call unanswered
     */
    public R call(A argument) throws Exception {
        CompletableFuture<R> answer = callAsync(argument);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Joins the open batch (opening one if needed) and returns this call's answer as a future. Never blocks
     * beyond the short gathering lock; when this call fills the batch to {@code maxCount}, the batch is handed
     * to the executor from this thread.
     *
     * @param argument this call's argument, possibly null
     * @return a future of this call's result; cancelling it only abandons this call's answer
     */
    public CompletableFuture<R> callAsync(A argument) {
        BatchItem<A, R> item = new BatchItem<>(argument, new CompletableFuture<>());
        Batch<A, R> opened = null;
        Batch<A, R> full = null;
        lock.lock();
        try {
            Batch<A, R> batch = open;
            if (batch == null) {
                batch = new Batch<>();
                open = batch;
                opened = batch;
            }
            batch.items.add(item);
            if (batch.items.size() >= maxCount) {
                open = null;
                full = batch;
            }
        } finally {
            lock.unlock();
        }
        calls.increment();
        if (full != null) {
            dispatch(full);
        } else if (opened != null) {
            Batch<A, R> timed = opened;
            Future<?> timer = ticker.schedule(() -> closeByTimer(timed), leeway);
            timed.timer = timer;
            if (timed.dispatched.get()) {
                // Filled and dispatched before its timer was set: the timer has nothing left to do.
                timer.cancel(false);
            }
        }
        return item.future();
    }

    /**
     * Closes the open batch, if any, and hands it to the batch function now instead of waiting for its leeway.
     * Never blocks beyond the gathering lock.
     */
    public void flush() {
        Batch<A, R> batch;
        lock.lock();
        try {
            batch = open;
            open = null;
        } finally {
            lock.unlock();
        }
        if (batch != null) {
            dispatch(batch);
        }
    }

    /**
     * Returns the name given to the builder; {@code "aggregator"} by default.
     *
     * @return the name
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * Returns a snapshot of the counters. Never blocks.
     *
     * @return the current statistics
     */
    @Override
    public AggregatorStatistics statistics() {
        return new AggregatorStatistics(calls.sum(), batches.sum(), succeeded.sum(), failed.sum(), leeway, maxCount);
    }

    @Override
    public String toString() {
        return "Aggregator[" + name + ", leeway=" + leeway + ", maxCount="
                + (maxCount == Integer.MAX_VALUE ? "unbounded" : maxCount) + "]";
    }

    private void closeByTimer(Batch<A, R> batch) {
        lock.lock();
        try {
            if (open == batch) {
                open = null;
            }
        } finally {
            lock.unlock();
        }
        dispatch(batch);
    }

    private void dispatch(Batch<A, R> batch) {
        if (!batch.dispatched.compareAndSet(false, true)) {
            return;
        }
        Future<?> timer = batch.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            executor.execute(() -> run(batch));
        } catch (RuntimeException e) {
            // A rejecting executor must not leave callers waiting forever.
            failUnanswered(batch.items, e);
            failed.increment();
        }
    }

    private void run(Batch<A, R> batch) {
        List<BatchItem<A, R>> items = Collections.unmodifiableList(batch.items);
        batches.increment();
        try {
            function.apply(items);
        } catch (Throwable e) {
            failed.increment();
            failUnanswered(items, e);
            return;
        }
        succeeded.increment();
        int unanswered = 0;
        for (BatchItem<A, R> item : items) {
            if (!item.isDone()) {
                unanswered++;
            }
        }
        if (unanswered > 0) {
            failUnanswered(items, new ResultNotSetException("aggregator '" + name + "': the batch function left "
                    + unanswered + " of " + items.size() + " calls unanswered"));
        }
    }

    private static <A, R> void failUnanswered(List<BatchItem<A, R>> items, Throwable failure) {
        for (BatchItem<A, R> item : items) {
            item.fail(failure);
        }
    }

    /**
     * The default executor: a virtual thread per batch that inherits no thread-locals, because which caller (or
     * the timer) happens to close a batch must not decide what the batch function sees.
     */
    private static void startBatchThread(String name, Runnable batch) {
        Thread.ofVirtual().name("aiomisc-aggregate-" + name).inheritInheritableThreadLocals(false).start(batch);
    }

    /** Adapts a list-returning batch function to the item form. */
    private static <A, R> void applyList(BatchFunction<A, R> function, List<BatchItem<A, R>> items)
            throws Exception {
        List<A> arguments = new ArrayList<>(items.size());
        for (BatchItem<A, R> item : items) {
            arguments.add(item.argument());
        }
        List<R> results = function.apply(Collections.unmodifiableList(arguments));
        if (results == null || results.size() != items.size()) {
            throw new IllegalStateException("batch function returned " + (results == null ? "null" : results.size()
                    + " results") + " for " + items.size() + " arguments; it must return one result per argument,"
                    + " in order");
        }
        for (int i = 0; i < items.size(); i++) {
            items.get(i).complete(results.get(i));
        }
    }

    /** One batch: filled under the aggregator's lock, then handed off exactly once. */
    private static final class Batch<A, R> {
        final List<BatchItem<A, R>> items = new ArrayList<>();
        final AtomicBoolean dispatched = new AtomicBoolean();
        volatile Future<?> timer;
    }
}
