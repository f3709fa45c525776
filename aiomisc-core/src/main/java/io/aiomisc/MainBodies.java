package io.aiomisc;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads running a main body ({@link Entrypoint#runUntilComplete}) of one entrypoint. A stop that comes
 * from elsewhere interrupts them; the flag is cleared again when the body returns, so it never leaks into the
 * caller's code after {@code runUntilComplete}. Thread-safe.
 */
final class MainBodies {
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Thread> running = new HashSet<>();
    private final Set<Thread> interrupted = new HashSet<>();

    void enter(Thread thread) {
        lock.lock();
        try {
            running.add(thread);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the thread; clears the interrupt this class set on it, if any. */
    void exit(Thread thread) {
        boolean ours;
        lock.lock();
        try {
            running.remove(thread);
            ours = interrupted.remove(thread);
        } finally {
            lock.unlock();
        }
        if (ours && thread == Thread.currentThread()) {
            Thread.interrupted();
        }
    }

    boolean contains(Thread thread) {
        lock.lock();
        try {
            return running.contains(thread);
        } finally {
            lock.unlock();
        }
    }

    void interruptAllBut(Thread spared) {
        lock.lock();
        try {
            for (Thread thread : running) {
                if (thread != spared) {
                    interrupted.add(thread);
                    thread.interrupt();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
