package io.aiomisc;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which entrypoint the current thread works for ({@link Entrypoint#current()}), and the set of live ones.
 *
 * <p>The binding is inherited by threads created from a bound thread (virtual threads included), so threads a
 * service spawns see their entrypoint too; the pool's workers are recognised by their names. The inherited value is a small cell that
 * is cleared when the entrypoint stops, so long-lived threads never keep a stopped entrypoint reachable.
 */
final class CurrentEntrypoint {
    /** The per-entrypoint cell that bound threads hold; cleared at the end of the stop. */
    static final class Cell {
        private volatile Lifecycle lifecycle;

        Cell(Lifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        Lifecycle lifecycle() {
            return lifecycle;
        }

        void clear() {
            lifecycle = null;
        }
    }

    /** Restores the previous binding of the thread; never throws. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final InheritableThreadLocal<Cell> BINDING = new InheritableThreadLocal<>();
    private static final Set<Lifecycle> LIVE = ConcurrentHashMap.newKeySet();
    private static final Map<String, Lifecycle> POOLS = new ConcurrentHashMap<>();

    private CurrentEntrypoint() {
    }

    static Scope bind(Cell cell) {
        Cell previous = BINDING.get();
        BINDING.set(cell);
        if (previous == null) {
            return BINDING::remove;
        }
        return () -> BINDING.set(previous);
    }

    /** The lifecycle bound to this thread, if it is still live. */
    static Lifecycle bound() {
        Cell cell = BINDING.get();
        return cell == null ? null : cell.lifecycle();
    }

    static Optional<Entrypoint> current() {
        Lifecycle bound = bound();
        if (bound != null) {
            return Optional.of(bound.entrypoint());
        }
        Lifecycle pooled = poolOfThisThread();
        if (pooled != null) {
            return Optional.of(pooled.entrypoint());
        }
        Iterator<Lifecycle> live = LIVE.iterator();
        if (!live.hasNext()) {
            return Optional.empty();
        }
        Lifecycle only = live.next();
        return live.hasNext() ? Optional.empty() : Optional.of(only.entrypoint());
    }

    /** The lifecycle whose pool runs this thread, if it is a pool worker of a live entrypoint. */
    static Lifecycle poolOfThisThread() {
        return poolOwner(Thread.currentThread().getName());
    }

    /**
     * The entrypoint whose pool runs a thread of this name. The pool's workers inherit nothing from the thread
     * that creates them, but they are named {@code <pool name>-<n>}, and every entrypoint names its pool.
     */
    private static Lifecycle poolOwner(String threadName) {
        int dash = threadName.lastIndexOf('-');
        return dash < 0 || POOLS.isEmpty() ? null : POOLS.get(threadName.substring(0, dash));
    }

    static void register(Lifecycle lifecycle, String poolName) {
        LIVE.add(lifecycle);
        POOLS.put(poolName, lifecycle);
    }

    static void unregister(Lifecycle lifecycle, String poolName) {
        LIVE.remove(lifecycle);
        POOLS.remove(poolName, lifecycle);
    }
}
