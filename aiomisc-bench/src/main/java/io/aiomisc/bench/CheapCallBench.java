package io.aiomisc.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The shape of the resilience benchmarks ({@link CircuitBreakerBench}, {@link RetryBench}): what a wrapper adds
 * to a cheap call, against the same call made bare ({@link #bareCall()}, reported by each subclass) in the same
 * run. The call is a small fixed amount of CPU, so that the ratio shows what a cheap call pays; it is defined
 * here once, so the benchmarks stay comparable with each other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class CheapCallBench {
    /** The wrapped call. Not final, so that the JIT cannot fold it into the benchmark methods. */
    protected Callable<Long> work = () -> {
        Blackhole.consumeCPU(20);
        return 42L;
    };

    /**
     * The baseline: the call without a wrapper.
     *
     * @return the call's result
     * @throws Exception never
     */
    @Benchmark
    public Long bareCall() throws Exception {
        return work.call();
    }
}
