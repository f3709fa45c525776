package io.aiomisc.bench;

import io.aiomisc.aggregate.Aggregator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link Aggregator} throughput against calling the batch function once per item. The batch function has a
 * fixed cost per call ({@code callCost} CPU tokens, standing for a round trip) plus a small cost per item, so
 * batching pays when the per-call cost dominates. Each invocation makes {@value #CALLS} calls; the score is
 * time per item. The aggregated variant issues the calls asynchronously from one thread with
 * {@code maxCount = CALLS}, so each invocation is one batch run on a virtual thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AggregatorBench {

    static final int CALLS = 64;

    @Param({"1000"})
    public int callCost;

    private Aggregator<Long, Long> aggregator;

    @Setup
    public void setUp() {
        aggregator = Aggregator.<Long, Long>builder(Duration.ofSeconds(1), this::batch).maxCount(CALLS).build();
    }

    List<Long> batch(List<Long> arguments) {
        Blackhole.consumeCPU(callCost);
        List<Long> results = new ArrayList<>(arguments.size());
        for (Long argument : arguments) {
            Blackhole.consumeCPU(10);
            results.add(argument + 1);
        }
        return results;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void batchFunctionPerItem(Blackhole bh) {
        for (long i = 0; i < CALLS; i++) {
            bh.consume(batch(List.of(i)).get(0));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void aggregated(Blackhole bh) {
        List<CompletableFuture<Long>> answers = new ArrayList<>(CALLS);
        for (long i = 0; i < CALLS; i++) {
            answers.add(aggregator.callAsync(i));
        }
        for (CompletableFuture<Long> answer : answers) {
            bh.consume(answer.join());
        }
    }
}
