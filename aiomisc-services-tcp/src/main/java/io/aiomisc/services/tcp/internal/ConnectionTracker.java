package io.aiomisc.services.tcp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open connections (or in-flight datagram handlers) of one server: admits up to a maximum, and lets the
 * stop wait until they are all gone.
 *
 * <p>Thread-safe; only {@link #awaitEmpty(Duration)} blocks.
 *
 * @param <C> what is tracked
 */
public final class ConnectionTracker<C> {
    private final int max;
    private final Set<C> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();

    /**
     * Creates a tracker.
     *
     * @param max the most entries at a time, at least 1
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public ConnectionTracker(int max) {
        this.max = OptionChecks.atLeastOne("max", max);
    }

    /**
     * Admits {@code entry} unless the maximum is reached.
     *
     * @param entry what to track
     * @return true if admitted; false if the tracker is full
     */
    public boolean tryAdd(C entry) {
        // A compare-and-set loop rather than increment-then-undo: a refused add never shows a count above the
        // maximum, so it can neither make a concurrent add fail nor keep the last remove from seeing zero.
        while (true) {
            int now = count.get();
            if (now >= max) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                open.add(entry);
                return true;
            }
        }
    }

    /**
     * Forgets {@code entry}; wakes the stop when it was the last one. Idempotent.
     *
     * @param entry an entry admitted by {@link #tryAdd}
     */
    public void remove(C entry) {
        if (open.remove(entry) && count.decrementAndGet() == 0) {
            lock.lock();
            try {
                empty.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until nothing is tracked, at most {@code timeout}.
     *
     * @param timeout how long to wait; {@code null} waits without a bound
     * @return true if empty, false if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long nanos = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (count.get() > 0) {
                if (timeout == null) {
                    empty.await();
                } else {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = empty.awaitNanos(nanos);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns what is tracked now.
     *
     * @return a snapshot, in no particular order
     */
    public List<C> snapshot() {
        return new ArrayList<>(open);
    }

    /**
     * Returns how many entries are tracked now.
     *
     * @return the count
     */
    public int size() {
        return count.get();
    }

    /**
     * Returns the maximum given at construction.
     *
     * @return the most entries at a time
     */
    public int max() {
        return max;
    }
}
