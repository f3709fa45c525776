package io.aiomisc.bench;

import io.aiomisc.resilience.Retry;
import io.aiomisc.resilience.Timeouts;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The happy-path cost of {@link Retry} (the first attempt succeeds) against a bare call, without and with an
 * attempt timeout (which arms and cancels a watchdog on the shared timer per call), and of {@link Timeouts}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryBench {

    private Retry retry;
    private Retry retryWithAttemptTimeout;
    private Callable<Long> work;

    @Setup
    public void setUp() {
        retry = Retry.builder().maxTries(3).build();
        retryWithAttemptTimeout = Retry.builder().maxTries(3).attemptTimeout(Duration.ofSeconds(10)).build();
        work = () -> {
            Blackhole.consumeCPU(20);
            return 42L;
        };
    }

    @Benchmark
    public Long bareCall() throws Exception {
        return work.call();
    }

    @Benchmark
    public Long retryCall() throws Exception {
        return retry.call(work);
    }

    @Benchmark
    public Long retryCallWithAttemptTimeout() throws Exception {
        return retryWithAttemptTimeout.call(work);
    }

    @Benchmark
    public Long timeoutsCall() throws Exception {
        return Timeouts.call(Duration.ofSeconds(10), work);
    }
}
