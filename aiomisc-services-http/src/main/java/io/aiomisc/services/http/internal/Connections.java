package io.aiomisc.services.http.internal;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open connections of one server: admits up to a maximum and lets the stop wait until they are gone.
 * Thread-safe; only {@link #awaitEmpty(Duration)} blocks.
 */
final class Connections {
    private final int max;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();

    Connections(int max) {
        this.max = max;
    }

    boolean tryAdd(Channel channel) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        open.add(channel);
        return true;
    }

    void remove(Channel channel) {
        if (open.remove(channel) && count.decrementAndGet() == 0) {
            lock.lock();
            try {
                empty.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until no connection is open, at most {@code timeout} (null: no bound); true if none is. */
    boolean awaitEmpty(Duration timeout) throws InterruptedException {
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

    List<Channel> snapshot() {
        return new ArrayList<>(open);
    }

    int size() {
        return count.get();
    }
}
