package io.aiomisc.pool;

import io.aiomisc.resilience.Ticker;
import io.aiomisc.stats.Measured;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of reusable instances, such as connections (aiomisc's {@code PoolBase}).
 *
 * <pre>{@code
 * ObjectPool<Connection> pool = ObjectPool.builder(() -> dataSource.connect())
 *         .check(c -> c.isValid(1))
 *         .dispose(Connection::close)
 *         .maxSize(10)
 *         .maxAge(Duration.ofMinutes(30))
 *         .build();
 * try (ObjectPool.Lease<Connection> lease = pool.acquire()) {
 *     lease.get().createStatement().execute(sql);
 * }
 * }</pre>
 *
 * <p><b>Semantics.</b> Instances are created lazily, on the acquiring thread, only when no idle one is left;
 * at most {@code maxSize} exist at any time, counting those being created or disposed of. Threads that find
 * the pool exhausted wait in arrival order (a fair semaphore). An idle instance is checked before it is handed
 * out; one that fails its check &mdash; by returning false <em>or by throwing</em> &mdash; is disposed of and
 * never handed out (aiomisc hands out an instance whose check threw). A newly created instance is not checked.
 * A failing {@code create} propagates to the acquirer and leaves no slot taken. An instance is retired instead
 * of going back to the idle set once it has been leased {@code maxUses} times or is {@code maxAge} old (aiomisc
 * randomises the age; here it is exact); aged idle instances are also retired when next met. Disposal runs on
 * the thread that returns or meets the instance, before its slot is freed; its exceptions are logged.
 *
 * <p>{@link #close()} disposes of the idle instances at once and of leased ones when they are returned; it
 * wakes every waiting acquirer, which then fails with {@link IllegalStateException}.
 *
 * <p>Thread-safe; waiting for a lease is interruptible and never pins a virtual thread.
 *
 * @param <T> the instance type
 */
public final class ObjectPool<T> implements AutoCloseable, Measured {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectPool.class);
    /** Enough permits to wake every waiter at close and still absorb the leases returned afterwards. */
    private static final int CLOSED_PERMITS = Integer.MAX_VALUE / 2;

    private final String name;
    private final Callable<? extends T> create;
    private final InstanceCheck<? super T> check;
    private final InstanceDisposer<? super T> disposer;
    private final int maxSize;
    private final long maxUses;
    private final long maxAgeNanos;
    private final Ticker ticker;
    private final Semaphore permits;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pooled<T>> idle = new ArrayDeque<>(); // guarded by lock
    private int live; // guarded by lock
    private boolean closed; // guarded by lock

    private final LongAdder created = new LongAdder();
    private final LongAdder disposed = new LongAdder();
    private final LongAdder acquired = new LongAdder();
    private final LongAdder createFailures = new LongAdder();
    private final LongAdder checkFailures = new LongAdder();

    ObjectPool(ObjectPoolBuilder<T> builder) {
        this.name = builder.name == null ? "pool" : builder.name;
        this.create = builder.create;
        this.check = builder.check;
        this.disposer = builder.disposer;
        this.maxSize = builder.maxSize == 0 ? ObjectPoolBuilder.DEFAULT_MAX_SIZE : builder.maxSize;
        this.maxUses = builder.maxUses == 0 ? Long.MAX_VALUE : builder.maxUses;
        this.maxAgeNanos = builder.maxAge == null ? Long.MAX_VALUE : saturatedNanos(builder.maxAge);
        this.ticker = builder.ticker == null ? Ticker.system() : builder.ticker;
        this.permits = new Semaphore(maxSize, true);
    }

    /**
     * Returns a builder for a pool whose instances {@code create} makes.
     *
     * @param create makes a new instance; called on an acquiring thread, may block and may throw
     * @param <T>    the instance type
     * @return a new builder
     * @throws NullPointerException if {@code create} is null
     */
    public static <T> ObjectPoolBuilder<T> builder(Callable<? extends T> create) {
        return new ObjectPoolBuilder<>(create);
    }

    /**
     * Leases an instance, waiting as long as it takes for one to be free.
     *
     * @return the lease; close it to give the instance back
     * @throws InterruptedException  if the thread is interrupted while it waits
     * @throws IllegalStateException if the pool is closed, or closes while the thread waits
     * @throws Exception             what {@code create} threw, when a new instance was needed
     */
    public Lease<T> acquire() throws Exception {
        ensureOpen();
        permits.acquire();
        return acquirePermitted();
    }

    /**
     * Leases an instance, waiting at most {@code timeout} for one to be free.
     *
     * @param timeout the longest wait for a free slot; creating the instance is not bounded by it
     * @return the lease; close it to give the instance back
     * @throws TimeoutException      if no slot became free in time
     * @throws InterruptedException  if the thread is interrupted while it waits
     * @throws IllegalStateException if the pool is closed, or closes while the thread waits
     * @throws Exception             what {@code create} threw, when a new instance was needed
     */
    public Lease<T> acquire(Duration timeout) throws Exception {
        Objects.requireNonNull(timeout, "timeout must not be null");
        ensureOpen();
        if (!permits.tryAcquire(saturatedNanos(timeout), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("pool '" + name + "': no instance became free within " + timeout
                    + " (maxSize " + maxSize + ")");
        }
        return acquirePermitted();
    }

    /**
     * Returns the number of live instances, idle and leased (aiomisc's {@code len(pool)}).
     *
     * @return the current size
     */
    public int size() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the name given to the builder; {@code "pool"} by default.
     *
     * @return the name
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * Returns a snapshot of the gauges and counters. Takes the pool's short internal lock; never waits for a
     * lease.
     *
     * @return the current statistics
     */
    @Override
    public ObjectPoolStatistics statistics() {
        int size;
        int idleCount;
        lock.lock();
        try {
            size = live;
            idleCount = idle.size();
        } finally {
            lock.unlock();
        }
        return new ObjectPoolStatistics(size, idleCount, permits.getQueueLength(), created.sum(), disposed.sum(),
                acquired.sum(), createFailures.sum(), checkFailures.sum());
    }

    /**
     * Closes the pool: disposes of the idle instances now (on this thread) and of leased ones when they are
     * returned, and fails every waiting and later acquirer with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        List<Pooled<T>> retired;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            retired = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        for (Pooled<T> pooled : retired) {
            dispose(pooled);
        }
        permits.release(CLOSED_PERMITS);
    }

    @Override
    public String toString() {
        return "ObjectPool[" + name + ", size=" + size() + "/" + maxSize + "]";
    }

    /** Called holding a permit; gives it back on every path that does not hand out a lease. */
    private Lease<T> acquirePermitted() throws Exception {
        boolean leased = false;
        try {
            Lease<T> lease = takeIdleOrCreate();
            leased = true;
            acquired.increment();
            return lease;
        } finally {
            if (!leased) {
                permits.release();
            }
        }
    }

    private Lease<T> takeIdleOrCreate() throws Exception {
        while (true) {
            Pooled<T> pooled;
            lock.lock();
            try {
                ensureOpenLocked();
                pooled = idle.pollFirst();
            } finally {
                lock.unlock();
            }
            if (pooled == null) {
                return new Lease<>(this, createInstance());
            }
            if (expired(pooled)) {
                dispose(pooled);
            } else if (passesCheckOrDispose(pooled)) {
                return new Lease<>(this, pooled);
            } else {
                checkFailures.increment();
                dispose(pooled);
            }
        }
    }

    /** The check; an {@link Error} from it disposes of the instance (its slot freed) before it propagates. */
    private boolean passesCheckOrDispose(Pooled<T> pooled) {
        try {
            return passesCheck(pooled);
        } catch (Error e) {
            checkFailures.increment();
            dispose(pooled);
            throw e;
        }
    }

    private Pooled<T> createInstance() throws Exception {
        T instance;
        try {
            instance = Objects.requireNonNull(create.call(), "create returned null");
        } catch (Throwable e) {
            createFailures.increment();
            throw e;
        }
        created.increment();
        Pooled<T> pooled = new Pooled<>(instance, ticker.nanoTime());
        boolean lateForClose;
        lock.lock();
        try {
            lateForClose = closed;
            live++;
        } finally {
            lock.unlock();
        }
        if (lateForClose) {
            dispose(pooled);
            throw closedException();
        }
        return pooled;
    }

    private boolean passesCheck(Pooled<T> pooled) {
        if (check == null) {
            return true;
        }
        try {
            return check.isUsable(pooled.instance);
        } catch (Exception e) {
            LOG.warn("Pool '{}': the check of {} threw; disposing of it", name, pooled.instance, e);
            return false;
        }
    }

    private boolean expired(Pooled<T> pooled) {
        return pooled.uses >= maxUses || ticker.nanoTime() - pooled.createdAt >= maxAgeNanos;
    }

    /** Takes an instance back from a lease; disposes of it first if it must retire, then frees its slot. */
    void giveBack(Pooled<T> pooled, boolean discard) {
        pooled.uses++;
        boolean retire = discard || expired(pooled);
        if (!retire) {
            lock.lock();
            try {
                if (closed) {
                    retire = true;
                } else {
                    idle.addLast(pooled);
                }
            } finally {
                lock.unlock();
            }
        }
        if (retire) {
            dispose(pooled);
        }
        permits.release();
    }

    private void dispose(Pooled<T> pooled) {
        try {
            if (disposer != null) {
                disposer.dispose(pooled.instance);
            }
        } catch (Exception e) {
            LOG.warn("Pool '{}': disposing of {} failed", name, pooled.instance, e);
        } finally {
            disposed.increment();
            lock.lock();
            try {
                live--;
            } finally {
                lock.unlock();
            }
        }
    }

    private void ensureOpen() {
        lock.lock();
        try {
            ensureOpenLocked();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpenLocked() {
        if (closed) {
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("pool '" + name + "' is closed");
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * The right to use one pooled instance until {@link #close()}. Use it in try-with-resources. Meant for one
     * thread at a time, like the instance it holds; {@code close} and {@code discard} are idempotent and safe
     * from any thread.
     *
     * @param <T> the instance type
     */
    public static final class Lease<T> implements AutoCloseable {
        private final ObjectPool<T> pool;
        private final Pooled<T> pooled;
        private final AtomicBoolean returned = new AtomicBoolean();

        Lease(ObjectPool<T> pool, Pooled<T> pooled) {
            this.pool = pool;
            this.pooled = pooled;
        }

        /**
         * Returns the leased instance.
         *
         * @return the instance
         * @throws IllegalStateException if the lease was already closed or discarded
         */
        public T get() {
            if (returned.get()) {
                throw new IllegalStateException("lease on pool '" + pool.name + "' was already returned");
            }
            return pooled.instance;
        }

        /**
         * Gives the instance back to the pool (or retires it if it is due). Idempotent; never throws.
         */
        @Override
        public void close() {
            if (returned.compareAndSet(false, true)) {
                pool.giveBack(pooled, false);
            }
        }

        /**
         * Retires the instance instead of giving it back, for example a connection found broken. Idempotent;
         * does nothing after {@link #close()}. Never throws; the disposer's exceptions are logged.
         */
        public void discard() {
            if (returned.compareAndSet(false, true)) {
                pool.giveBack(pooled, true);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + pool.name + ", " + pooled.instance + (returned.get() ? ", returned]" : "]");
        }
    }
}
