package io.aiomisc.bench;

import io.aiomisc.schedule.PeriodicCallback;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Scheduling overhead and jitter of {@link PeriodicCallback} against the baseline a user would otherwise pick,
 * {@code ScheduledThreadPoolExecutor.scheduleWithFixedDelay} (both are fixed-delay schedules).
 *
 * <p>Lateness of a run = its start - (end of the previous run + interval): what the schedule adds on top of
 * the interval the user asked for. The callback records it; each benchmark call waits for one run, so the
 * JMH sample-time score is the period (interval + lateness). The lateness median, p99 and max of the
 * measurement iterations are printed at the end of each trial as a "lateness" line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeriodicCallbackBench {

    @Param({"1", "10"})
    public int intervalMillis;

    @Param({"aiomisc", "stpe"})
    public String scheduler;

    private final BlockingQueue<Long> lateness = new LinkedBlockingQueue<>();
    private long[] samples = new long[1 << 16];
    private int count;
    private boolean measuring;
    private long intervalNanos;
    private long lastEnd;

    private PeriodicCallback periodic;
    private ScheduledExecutorService stpe;

    @Setup(Level.Trial)
    public void start() {
        intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        Duration interval = Duration.ofMillis(intervalMillis);
        if (scheduler.equals("aiomisc")) {
            periodic = new PeriodicCallback("bench", this::tick);
            periodic.start(interval);
        } else {
            stpe = Executors.newSingleThreadScheduledExecutor();
            stpe.scheduleWithFixedDelay(this::tick, 0, intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The scheduled callback: runs never overlap, so lastEnd has one writer at a time. */
    private void tick() {
        long start = System.nanoTime();
        if (lastEnd != 0) {
            lateness.add(start - lastEnd - intervalNanos);
        }
        lastEnd = System.nanoTime();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public long nextRun() throws InterruptedException {
        long late = lateness.take();
        if (measuring) {
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
            }
            samples[count++] = late;
        }
        return late;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (periodic != null) {
            periodic.stop().get(10, TimeUnit.SECONDS);
        }
        if (stpe != null) {
            stpe.shutdownNow();
            stpe.awaitTermination(10, TimeUnit.SECONDS);
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        if (sorted.length > 0) {
            System.out.printf(Locale.ROOT,
                    "%nlateness %s interval=%d ms: n=%d median=%.1f us p99=%.1f us max=%.1f us%n",
                    scheduler, intervalMillis, sorted.length, percentile(sorted, 0.50) / 1e3,
                    percentile(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3);
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
