package io.aiomisc.bench;

import io.aiomisc.resilience.Retry;
import io.aiomisc.resilience.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The happy-path cost of {@link Retry} (the first attempt succeeds) against a bare call ({@link CheapCallBench}),
 * without and with an attempt timeout (which arms and cancels a watchdog on the shared timer per call), and of
 * {@link Timeouts}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryBench extends CheapCallBench {

    private Retry retry;
    private Retry retryWithAttemptTimeout;

    @Setup
    public void setUp() {
        retry = Retry.builder().maxTries(3).build();
        retryWithAttemptTimeout = Retry.builder().maxTries(3).attemptTimeout(Duration.ofSeconds(10)).build();
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
