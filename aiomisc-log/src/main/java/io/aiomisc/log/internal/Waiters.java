package io.aiomisc.log.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where logging threads of a {@link LogBuffer} wait: for room in a full queue ({@code BLOCK}) and for a flush.
 * Both are slow paths; the consumer takes the lock only when someone waits, which it learns from a counter read
 * after a full fence (Dekker with the waiter, who increments before re-checking).
 *
 * <p>Producers waiting for room re-enter one at a time, through the lock, rather than all at once. A lock-free
 * variant that unparked every waiter at once was measured 3 to 5 times slower with 4 producers on 2 cores: the
 * stampede takes the CPU the writer, the bottleneck, needs.
 */
final class Waiters {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Condition flushed = lock.newCondition();
    private final AtomicInteger waitingForRoom = new AtomicInteger();
    private volatile int waitingForFlush; // written under the lock only

    /**
     * Retries {@code offer} until it succeeds (true) or {@code open} turns false (false), parking in between.
     * Uninterruptible, as logback's appenders are; an interrupt stays set.
     */
    boolean offerOrWait(BooleanSupplier offer, BooleanSupplier open, Runnable wakeConsumer) {
        lock.lock();
        try {
            waitingForRoom.incrementAndGet(); // a full fence before offer reads the consumer's progress
            try {
                while (open.getAsBoolean()) {
                    if (offer.getAsBoolean()) {
                        return true;
                    }
                    wakeConsumer.run();
                    room.awaitUninterruptibly();
                }
                return false;
            } finally {
                waitingForRoom.decrementAndGet();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The consumer has taken records out: wakes the producers waiting for room, if any. */
    void roomMade() {
        VarHandle.fullFence(); // the polls freed slots; only now look for waiters
        if (waitingForRoom.get() > 0) {
            signalAll(room);
        }
    }

    /** Parks until {@code done} holds; {@link #flushMade()} or {@link #releaseAll()} re-checks it. */
    void awaitFlush(BooleanSupplier done) {
        lock.lock();
        try {
            waitingForFlush++;
            try {
                while (!done.getAsBoolean()) {
                    flushed.awaitUninterruptibly();
                }
            } finally {
                waitingForFlush--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called after the flushed position was published (a volatile write): wakes flush waiters, if any. */
    void flushMade() {
        if (waitingForFlush > 0) {
            signalAll(flushed);
        }
    }

    /** Wakes everyone, after buffering stopped. */
    void releaseAll() {
        lock.lock();
        try {
            room.signalAll();
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signalAll(Condition condition) {
        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
