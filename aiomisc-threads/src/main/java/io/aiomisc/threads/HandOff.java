package io.aiomisc.threads;

import io.aiomisc.threads.internal.FieldHandles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;
import org.jctools.queues.atomic.SpscChunkedAtomicArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-producer single-consumer channel behind a {@link ThreadedIterator}: a bounded JCTools
 * SPSC queue plus park/unpark hand-off in both directions.
 *
 * <p>Roles: exactly one producer thread (the one running the generator) calls {@link #emit}; consumer
 * operations ({@link #poll}, {@link #take}, {@link #register}) are called by one thread at a time, with
 * a happens-before edge between successive consumer threads (the callers serialise them). {@link #close}
 * may be called from any thread.
 *
 * <p>Both wake-ups are Dekker handshakes: the side that may sleep publishes itself, issues a full fence
 * and re-checks; the other side changes the state, issues a full fence and then looks for a sleeper.
 * Without both fences a wake-up can be lost. Nobody uses timed parking, so a lost wake-up would show
 * as a hang in the tests, not as latency. To stay batch-friendly the consumer drains without touching
 * any shared word but the consumed counter, and the producer unparks a consumer only when one has
 * published itself as waiting.
 */
final class HandOff<T> extends HandOffLayout.Pad3 implements Sink<T> {

    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);

    /**
     * Before a side parks it busy-waits this many rounds (the other side, running on another core,
     * usually catches up within them) and then yields this many times (when both share a core, this
     * hands it over without the cost of a park/unpark round trip). Measured with ThreadedIteratorBench on
     * a loaded two-core machine: longer spinning steals the core from the other side.
     */
    private static final int SPINS = 64;
    private static final int YIELDS = 16;
    /** Larger buffers grow chunk by chunk instead of allocating {@code maxSize} slots up front. */
    private static final int ARRAY_QUEUE_LIMIT = 1 << 16;
    private static final int CHUNK_SIZE = 4096;
    /** The largest buffer JCTools can hold; larger {@code maxSize} values are treated as this one. */
    static final int MAX_BUFFER = 1 << 30;

    private static final int CLOSED = 1;
    private static final int DONE = 2;

    private static final VarHandle STATUS =
            FieldHandles.find(MethodHandles.lookup(), HandOffLayout.Shared.class, "status", int.class);
    private static final VarHandle CONSUMED =
            FieldHandles.find(MethodHandles.lookup(), HandOffLayout.ConsumerSide.class, "consumed", long.class);
    private static final VarHandle CONSUMER_WAITER =
            FieldHandles.find(MethodHandles.lookup(), HandOffLayout.Shared.class, "consumerWaiter", Object.class);
    private static final VarHandle PARKED_PRODUCER =
            FieldHandles.find(MethodHandles.lookup(), HandOffLayout.Shared.class, "parkedProducer", Thread.class);

    private static final VarHandle PRODUCER_CLAIMED =
            FieldHandles.find(MethodHandles.lookup(), HandOff.class, "producerClaimed", boolean.class);

    private final MessagePassingQueue<T> queue;
    private final long bound;
    /**
     * The consumer looks for a parked producer (with a full fence) once per this many items, and when
     * the buffer runs dry: a producer blocked on a full buffer resumes after at most this many items
     * were taken, with room for a batch, instead of being woken (and the consumer fenced) per item.
     */
    private final long wakeInterval;
    /**
     * Set by whichever comes first: the producer task starting, or the news that it never will
     * ({@link #failToStart}); the other one then does nothing, so the sequence ends exactly once.
     */
    private volatile boolean producerClaimed;

    HandOff(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1, was " + maxSize);
        }
        int capacity = Math.min(maxSize, MAX_BUFFER);
        this.bound = capacity;
        this.wakeInterval = Math.max(1, capacity / 2);
        this.nextWakeCheck = wakeInterval;
        this.queue = capacity <= ARRAY_QUEUE_LIMIT
                ? new SpscAtomicArrayQueue<>(capacity)
                : new SpscChunkedAtomicArrayQueue<>(CHUNK_SIZE, capacity);
    }

    // ---------------------------------------------------------------- producer side

    /**
     * The producer task: runs the generator in the calling thread and records how it ended. It runs
     * the generator at most once, and not at all after {@link #failToStart}.
     */
    Runnable producerTask(Generator<? extends T> generator) {
        return () -> {
            if (PRODUCER_CLAIMED.compareAndSet(this, false, true)) {
                runGenerator(generator);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private void runGenerator(Generator<? extends T> generator) {
        producer = Thread.currentThread();
        Throwable error = null;
        try {
            if ((status & CLOSED) == 0) {
                // A Sink<T> accepts every item of a subtype of T, so handing it out as Sink<S> is safe.
                ((Generator<T>) generator).generate(this);
            }
        } catch (Throwable t) {
            error = t;
        } finally {
            producer = null;
        }
        if (error != null && (status & CLOSED) != 0) {
            if (!(error instanceof CancellationException)) {
                LOG.debug("Generator failed after its consumer closed; nobody is left to receive it", error);
            }
            error = null;
        }
        finish(error);
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the sequence with {@code error} without running the generator (the executor refused the
     * producer task, or dropped it unstarted); does nothing if the producer task already started.
     */
    void failToStart(Throwable error) {
        if (PRODUCER_CLAIMED.compareAndSet(this, false, true)) {
            finish(error);
        }
    }

    @Override
    public void emit(T item) throws InterruptedException {
        Objects.requireNonNull(item, "ThreadedIterator items must not be null");
        if (Thread.currentThread() != producer) {
            throw wrongThread();
        }
        if (status != 0) {
            throw cancelled(); // only CLOSED can be set while the generator runs
        }
        if (produced - consumedSeen >= bound) {
            awaitSpace();
        }
        // Never fails: at most `bound` items are in flight and the queue holds at least that many.
        queue.relaxedOffer(item);
        produced++;
        // Dekker with register(): the item must be visible before we look for a waiting consumer.
        VarHandle.fullFence();
        Object waiter = consumerWaiter;
        if (waiter != null) {
            wakeConsumer(waiter);
        }
    }

    private void awaitSpace() throws InterruptedException {
        for (int i = 0; i < SPINS + YIELDS; i++) {
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            consumedSeen = (long) CONSUMED.getAcquire(this);
            if (produced - consumedSeen < bound) {
                return;
            }
            if ((status & CLOSED) != 0) {
                throw cancelled();
            }
        }
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                parkedProducer = me;
                // Dekker with poll()/close(): publish ourselves before the last look at the counter.
                VarHandle.fullFence();
                consumedSeen = (long) CONSUMED.getAcquire(this);
                if (produced - consumedSeen < bound) {
                    return;
                }
                if ((status & CLOSED) != 0) {
                    throw cancelled();
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while the ThreadedIterator buffer was full");
                }
            }
        } finally {
            PARKED_PRODUCER.setRelease(this, null);
        }
    }

    private void finish(Throwable error) {
        failure = error;
        // The atomic update is a full fence: items and failure are published before anyone sees DONE.
        STATUS.getAndBitwiseOr(this, DONE);
        Object waiter = consumerWaiter;
        if (waiter != null) {
            wakeConsumer(waiter);
        }
    }

    private void wakeConsumer(Object waiter) {
        if (CONSUMER_WAITER.compareAndSet(this, waiter, null)) {
            if (waiter instanceof Thread thread) {
                LockSupport.unpark(thread);
            } else {
                ((Runnable) waiter).run();
            }
        }
    }

    private static CancellationException cancelled() {
        return new CancellationException("the consumer closed the ThreadedIterator");
    }

    private IllegalStateException wrongThread() {
        return new IllegalStateException("Sink.emit called from " + Thread.currentThread()
                + "; only the thread running Generator.generate may emit, and only while it runs");
    }

    // ---------------------------------------------------------------- consumer side

    /** The next item if one is buffered, else {@code null}; never blocks. */
    T poll() {
        T item = queue.relaxedPoll();
        if (item != null) {
            long c = consumed + 1;
            CONSUMED.setRelease(this, c);
            if (c == nextWakeCheck) {
                nextWakeCheck = c + wakeInterval;
                wakeParkedProducer();
            }
            return item;
        }
        wakeParkedProducer();
        return null;
    }

    private void wakeParkedProducer() {
        // Dekker with awaitSpace(): the producer publishes itself, fences, then reads `consumed`; we
        // publish `consumed`, fence, then look for it. One of us sees the other's write.
        VarHandle.fullFence();
        Thread producerThread = parkedProducer;
        if (producerThread != null) {
            wakeProducer(producerThread);
        }
    }

    /**
     * Blocks until an item is buffered, the producer is done, or the channel is closed.
     *
     * @return the item, or {@code null} when the producer is done and everything is consumed, or the
     *     channel is closed
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    T take() throws InterruptedException {
        for (int i = 0; i < SPINS + YIELDS; i++) {
            int s = status;
            if ((s & CLOSED) != 0) {
                return null;
            }
            T item = poll();
            if (item != null || s != 0) {
                return item;
            }
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                int s = register(me);
                if ((s & CLOSED) != 0) {
                    return null;
                }
                T item = poll();
                if (item != null || s != 0) {
                    return item;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the next item");
                }
            }
        } finally {
            CONSUMER_WAITER.setRelease(this, null);
        }
    }

    /**
     * Publishes {@code waiter} to be woken (unparked if a Thread, run if a Runnable) by the next item,
     * the end, or close. The caller must poll again after this call before it sleeps or returns.
     *
     * @return the status read after publishing; DONE seen here means every item is already visible
     */
    int register(Object waiter) {
        consumerWaiter = waiter;
        // Dekker with emit()/finish()/close(): publish the waiter before the re-check.
        VarHandle.fullFence();
        return status;
    }

    /** Withdraws a waiter published by {@link #register} if it is still there. */
    void unregister(Object waiter) {
        CONSUMER_WAITER.compareAndSet(this, waiter, null);
    }

    private void wakeProducer(Thread producerThread) {
        if (PARKED_PRODUCER.compareAndSet(this, producerThread, null)) {
            LockSupport.unpark(producerThread);
        }
    }

    /** Whether an item is buffered, without taking it. */
    boolean hasItem() {
        return queue.relaxedPeek() != null;
    }

    /** Whether the producer has finished; when true, every item it emitted is visible to {@link #poll}. */
    boolean isDone() {
        return (status & DONE) != 0;
    }

    boolean isClosed() {
        return (status & CLOSED) != 0;
    }

    /** The generator's failure, or {@code null}; meaningful once {@link #isDone()} returned true. */
    Throwable failure() {
        return failure;
    }

    /**
     * Marks the consumer gone: the producer's next or current {@code emit} throws, and a waiting
     * consumer is woken so it can observe the closure.
     *
     * @return whether this call closed the channel (false if it was closed already)
     */
    boolean close() {
        int previous = (int) STATUS.getAndBitwiseOr(this, CLOSED);
        if ((previous & CLOSED) != 0) {
            return false;
        }
        Thread producerThread = parkedProducer;
        if (producerThread != null) {
            wakeProducer(producerThread);
        }
        Object waiter = consumerWaiter;
        if (waiter != null) {
            wakeConsumer(waiter);
        }
        return true;
    }
}
