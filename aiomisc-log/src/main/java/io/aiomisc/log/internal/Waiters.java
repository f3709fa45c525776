package io.aiomisc.log.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where logging threads of a {@link LogBuffer} wait: for room in a full queue ({@code BLOCK}) and for a flush.
 *
 * <p>Room: a producer that finds the queue full enqueues itself, retries the offer, then parks; the writer, after
 * taking records out, issues a full fence and unparks every enqueued producer (a Dekker pair: either the retry
 * sees the freed slots or the writer sees the producer). The writer never takes a lock here, so a descheduled
 * producer cannot stall it, which matters most when logging threads outnumber the cores.
 *
 * <p>Flush: rare, so a lock and a condition; the writer takes the lock only when someone waits, which it learns
 * from a counter read after publishing its progress (a volatile write, then a volatile read).
 */
final class Waiters {

    private final ConcurrentLinkedQueue<Thread> waitingForRoom = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private volatile int waitingForFlush; // written under the lock only

    /**
     * Retries {@code offer} until it succeeds (true) or {@code open} turns false (false), parking in between.
     * Uninterruptible, as logback's appenders are; an interrupt stays set.
     */
    boolean offerOrWait(BooleanSupplier offer, BooleanSupplier open, Runnable wakeConsumer) {
        Thread self = Thread.currentThread();
        boolean interrupted = false;
        try {
            while (open.getAsBoolean()) {
                waitingForRoom.add(self); // a CAS, so a full fence before the offer reads the consumer's progress
                if (offer.getAsBoolean()) {
                    waitingForRoom.remove(self);
                    return true;
                }
                wakeConsumer.run();
                LockSupport.park(this);
                waitingForRoom.remove(self); // still there after a spurious wake-up
                interrupted |= Thread.interrupted();
            }
            return false;
        } finally {
            if (interrupted) {
                self.interrupt();
            }
        }
    }

    /** The consumer has taken records out: wakes the producers waiting for room, if any. */
    void roomMade() {
        VarHandle.fullFence(); // the polls freed slots; only now look for waiters
        for (Thread waiter; (waiter = waitingForRoom.poll()) != null; ) {
            LockSupport.unpark(waiter);
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
        roomMade();
        signalAll(flushed);
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
