package io.aiomisc.threads;

/**
 * The binding made by {@link Threaded#bindDefaultPool(ThreadPool)}: closing it restores the
 * default pool that was bound before.
 *
 * <p>Use it in try-with-resources on the thread that made it. Bindings nest; close them in
 * reverse order. Threads started while the binding was open keep the pool they inherited.
 *
 * <p>Thread-safety: confined to the thread that made it.
 */
public final class PoolBinding implements AutoCloseable {

    private final ThreadPool pool;
    private final ThreadPool previous;
    private final Thread owner;
    private boolean closed;

    PoolBinding(ThreadPool pool, ThreadPool previous, Thread owner) {
        this.pool = pool;
        this.previous = previous;
        this.owner = owner;
    }

    /**
     * The pool this binding made the default.
     *
     * @return the bound pool
     */
    public ThreadPool pool() {
        return pool;
    }

    /**
     * Restores the previous binding of the owning thread (or none). Closing again does nothing.
     * Does not shut the pool down.
     *
     * @throws IllegalStateException if called from a thread other than the one that made the binding
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("PoolBinding of " + pool + " was made on thread " + owner.getName()
                    + " and must be closed there, not on " + Thread.currentThread().getName());
        }
        if (!closed) {
            closed = true;
            Threaded.restoreBinding(previous);
        }
    }

    @Override
    public String toString() {
        return "PoolBinding[" + pool.name() + (closed ? ", closed]" : "]");
    }
}
