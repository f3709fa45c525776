package io.aiomisc.aggregate;

import io.aiomisc.internal.Checks;
import io.aiomisc.resilience.Ticker;
import io.aiomisc.stats.Statistics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Configures an {@link Aggregator}; get one from {@link Aggregator#builder} or {@link Aggregator#itemBuilder}.
 * Every setter validates its value at once and may be called only once. Not thread-safe.
 *
 * @param <A> the argument type of one call
 * @param <R> the result type of one call
 */
public final class AggregatorBuilder<A, R> {
    // Unset options are null or 0; the Aggregator constructor applies the defaults.
    final Duration leeway;
    final ItemBatchFunction<A, R> function;
    String name;
    int maxCount;
    Ticker ticker;
    Executor executor;

    AggregatorBuilder(Duration leeway, ItemBatchFunction<A, R> function) {
        this.leeway = Checks.positive(leeway, "leeway");
        this.function = function;
    }

    /**
     * Names the aggregator in logs, thread names and statistics. Default {@code "aggregator"}.
     * Built with a name while an entrypoint is {@linkplain io.aiomisc.Entrypoint#current() current}, it is
     * published as the JMX MBean {@code io.aiomisc:type=Aggregator,entrypoint=<id>,name=<name>} until that
     * entrypoint stops (see {@link Statistics}).
     *
     * @param name a non-blank name
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException    if it was already set
     */
    public AggregatorBuilder<A, R> name(String name) {
        Checks.notBlank(name, "name");
        Checks.once(this.name, "name");
        this.name = name;
        return this;
    }

    /**
     * The largest batch: the call that brings a batch to this many arguments closes it at once. Default:
     * unbounded (only the leeway closes a batch).
     *
     * @param maxCount at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1
     * @throws IllegalStateException    if it was already set
     */
    public AggregatorBuilder<A, R> maxCount(int maxCount) {
        Checks.atLeast(maxCount, 1, "maxCount");
        Checks.once(this.maxCount, "maxCount");
        this.maxCount = maxCount;
        return this;
    }

    /**
     * The clock and timer that measure the leeway. Default {@link Ticker#system()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public AggregatorBuilder<A, R> ticker(Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker must not be null");
        Checks.once(this.ticker, "ticker");
        this.ticker = ticker;
        return this;
    }

    /**
     * Where batch functions run. Default: a new virtual thread per batch, inheriting no thread-locals. An
     * executor that rejects a batch fails its callers with the rejection.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public AggregatorBuilder<A, R> executor(Executor executor) {
        Objects.requireNonNull(executor, "executor must not be null");
        Checks.once(this.executor, "executor");
        this.executor = executor;
        return this;
    }

    /**
     * Builds the aggregator.
     *
     * @return a new aggregator
     */
    public Aggregator<A, R> build() {
        Aggregator<A, R> aggregator = new Aggregator<>(this);
        if (name != null) {
            Statistics.publishToCurrent(aggregator);
        }
        return aggregator;
    }
}
