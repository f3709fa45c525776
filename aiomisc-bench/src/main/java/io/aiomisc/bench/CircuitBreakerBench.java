package io.aiomisc.bench;

import io.aiomisc.resilience.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The cost a {@link CircuitBreaker} in PASSING adds to each call, against calling the same work directly
 * ({@link CheapCallBench}'s cheap call). The two-thread variants share one breaker, as a service's request
 * threads would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CircuitBreakerBench extends CheapCallBench {

    private CircuitBreaker breaker;

    @Setup
    public void setUp() {
        breaker = CircuitBreaker.builder(0.5, Duration.ofSeconds(1)).name("bench").build();
    }

    @Benchmark
    public Long breakerCall() throws Exception {
        return breaker.call(work);
    }

    @Benchmark
    @Threads(2)
    public Long bareCallTwoThreads() throws Exception {
        return work.call();
    }

    @Benchmark
    @Threads(2)
    public Long breakerCallTwoThreads() throws Exception {
        return breaker.call(work);
    }
}
