package io.aiomisc.pool;

import io.aiomisc.internal.Checks;
import io.aiomisc.resilience.Ticker;
import io.aiomisc.stats.Statistics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Configures an {@link ObjectPool}; get one from {@link ObjectPool#builder(Callable)}. Every setter validates
 * its value at once and may be called only once. Not thread-safe.
 *
 * @param <T> the instance type
 */
public final class ObjectPoolBuilder<T> {

    /** The default {@link #maxSize(int)}, aiomisc's {@code maxsize=10}. */
    public static final int DEFAULT_MAX_SIZE = 10;

    // Unset options are null or 0; the ObjectPool constructor applies the defaults.
    final Callable<? extends T> create;
    String name;
    InstanceCheck<? super T> check;
    InstanceDisposer<? super T> disposer;
    int maxSize;
    long maxUses;
    Duration maxAge;
    Ticker ticker;

    ObjectPoolBuilder(Callable<? extends T> create) {
        this.create = Objects.requireNonNull(create, "create must not be null");
    }

    /**
     * Names the pool in logs, errors and statistics. Default {@code "pool"}.
     * Built with a name while an entrypoint is {@linkplain io.aiomisc.Entrypoint#current() current}, it is
     * published as the JMX MBean {@code io.aiomisc:type=ObjectPool,entrypoint=<id>,name=<name>} until that
     * entrypoint stops (see {@link Statistics}).
     *
     * @param name a non-blank name
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException    if it was already set
     */
    public ObjectPoolBuilder<T> name(String name) {
        Checks.notBlank(name, "name");
        Checks.once(this.name, "name");
        this.name = name;
        return this;
    }

    /**
     * Checks idle instances before they are handed out again. Default: none.
     *
     * @param check the check
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ObjectPoolBuilder<T> check(InstanceCheck<? super T> check) {
        Objects.requireNonNull(check, "check must not be null");
        Checks.once(this.check, "check");
        this.check = check;
        return this;
    }

    /**
     * Releases what an instance holds when the pool retires it. Default: nothing is done.
     *
     * @param disposer the disposer
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ObjectPoolBuilder<T> dispose(InstanceDisposer<? super T> disposer) {
        Objects.requireNonNull(disposer, "disposer must not be null");
        Checks.once(this.disposer, "dispose");
        this.disposer = disposer;
        return this;
    }

    /**
     * The most instances that exist at once. Default {@value #DEFAULT_MAX_SIZE}.
     *
     * @param maxSize from 1 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if it is out of range
     * @throws IllegalStateException    if it was already set
     */
    public ObjectPoolBuilder<T> maxSize(int maxSize) {
        if (maxSize < 1 || maxSize > 1_000_000) {
            throw new IllegalArgumentException("maxSize must be between 1 and 1000000, was " + maxSize);
        }
        Checks.once(this.maxSize, "maxSize");
        this.maxSize = maxSize;
        return this;
    }

    /**
     * Retires an instance once it has been leased this many times. Default: unbounded.
     *
     * @param maxUses at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1
     * @throws IllegalStateException    if it was already set
     */
    public ObjectPoolBuilder<T> maxUses(long maxUses) {
        Checks.atLeast(maxUses, 1, "maxUses");
        Checks.once(this.maxUses, "maxUses");
        this.maxUses = maxUses;
        return this;
    }

    /**
     * Retires an instance once it is this old, measured from its creation (aiomisc's {@code recycle}).
     * Default: never.
     *
     * @param maxAge a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException    if it was already set
     */
    public ObjectPoolBuilder<T> maxAge(Duration maxAge) {
        Checks.positive(maxAge, "maxAge");
        Checks.once(this.maxAge, "maxAge");
        this.maxAge = maxAge;
        return this;
    }

    /**
     * The clock that measures instance age. Default {@link Ticker#system()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ObjectPoolBuilder<T> ticker(Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker must not be null");
        Checks.once(this.ticker, "ticker");
        this.ticker = ticker;
        return this;
    }

    /**
     * Builds the pool; no instance is created before the first {@code acquire}.
     *
     * @return a new, empty pool
     */
    public ObjectPool<T> build() {
        ObjectPool<T> pool = new ObjectPool<>(this);
        if (name != null) {
            Statistics.publishToCurrent(pool);
        }
        return pool;
    }
}
