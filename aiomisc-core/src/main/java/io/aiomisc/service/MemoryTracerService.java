package io.aiomisc.service;

import io.aiomisc.internal.Checks;
import io.aiomisc.schedule.Scheduler;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a summary of the JVM's memory every {@link #interval()} (aiomisc's {@code MemoryTracer}): heap and
 * non-heap use, garbage collections since the last report, thread counts, and the memory pools that grew the
 * most since the last report ("top growers"), at INFO on the logger
 * {@code io.aiomisc.service.MemoryTracerService}.
 *
 * <p>aiomisc compares {@code tracemalloc} snapshots per source line; the JVM has no such tracer without an
 * agent, and a per-class histogram needs the attach API, so the growers here are memory pools (eden, old
 * generation, metaspace, code cache...). The first report compares with the snapshot taken at start.
 *
 * <p>Reading the MXBeans takes microseconds and allocates little; the report runs on a virtual thread.
 */
public class MemoryTracerService extends PeriodicService {

    /** Five seconds, as aiomisc. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Twenty, as aiomisc's {@code top_results}. */
    public static final int DEFAULT_TOP = 20;

    private static final Logger LOG = LoggerFactory.getLogger(MemoryTracerService.class);
    private static final double MIB = 1024.0 * 1024.0;

    private final int top;
    private volatile Snapshot previous;
    private volatile String lastReport = "";

    /** Creates the tracer with {@link #DEFAULT_INTERVAL} and {@link #DEFAULT_TOP}. */
    public MemoryTracerService() {
        this(DEFAULT_INTERVAL, DEFAULT_TOP, Scheduler.system());
    }

    /**
     * Creates the tracer.
     *
     * @param interval the time between two reports; positive
     * @param top how many growing pools a report names at most; at least 1
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code top} is below 1
     */
    public MemoryTracerService(Duration interval, int top) {
        this(interval, top, Scheduler.system());
    }

    /**
     * Creates the tracer on a given scheduler (tests pass a fake one).
     *
     * @param interval the time between two reports; positive
     * @param top how many growing pools a report names at most; at least 1
     * @param scheduler the clock and timer of the reports
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code top} is below 1
     */
    public MemoryTracerService(Duration interval, int top, Scheduler scheduler) {
        super(interval, interval, scheduler);
        Checks.atLeast(top, 1, "top");
        this.top = top;
    }

    /** Takes the first snapshot and starts the reports. */
    @Override
    protected void start() {
        previous = Snapshot.take();
        super.start();
    }

    /** Takes a snapshot, logs the report against the previous one and keeps the new one. */
    @Override
    protected void callback() {
        Snapshot now = Snapshot.take();
        Snapshot before = previous;
        previous = now;
        String report = report(before, now);
        lastReport = report;
        LOG.info("{}", report);
    }

    /**
     * Returns the text of the last report logged. Never blocks.
     *
     * @return the report, or an empty string before the first one
     */
    public final String lastReport() {
        return lastReport;
    }

    private String report(Snapshot before, Snapshot now) {
        StringBuilder out = new StringBuilder("memory: heap used ").append(mib(now.heap.getUsed()))
                .append(" of ").append(mib(now.heap.getCommitted())).append(" committed");
        if (now.heap.getMax() > 0) {
            out.append(" (max ").append(mib(now.heap.getMax())).append(')');
        }
        out.append(", non-heap used ").append(mib(now.nonHeap.getUsed()));
        out.append("; gc:");
        for (Map.Entry<String, long[]> gc : now.gcs.entrySet()) {
            long[] old = before.gcs.getOrDefault(gc.getKey(), new long[2]);
            out.append(' ').append(gc.getKey()).append(" +").append(gc.getValue()[0] - old[0])
                    .append(" (").append(gc.getValue()[1] - old[1]).append(" ms)");
        }
        out.append("; threads: ").append(now.threads).append(" live (").append(now.daemonThreads)
                .append(" daemon, peak ").append(now.peakThreads).append(", ")
                .append(signed(now.threads - before.threads)).append(')');
        out.append("; top growers: ").append(growers(before, now));
        return out.toString();
    }

    private String growers(Snapshot before, Snapshot now) {
        List<Map.Entry<String, Long>> growth = new ArrayList<>();
        for (Map.Entry<String, Long> pool : now.pools.entrySet()) {
            long delta = pool.getValue() - before.pools.getOrDefault(pool.getKey(), 0L);
            if (delta > 0) {
                growth.add(Map.entry(pool.getKey(), delta));
            }
        }
        if (growth.isEmpty()) {
            return "none";
        }
        growth.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> pool : growth.subList(0, Math.min(top, growth.size()))) {
            out.append(out.isEmpty() ? "" : ", ").append(pool.getKey()).append(" +").append(mib(pool.getValue()));
        }
        return out.toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    private static String signed(long value) {
        return (value >= 0 ? "+" : "") + value;
    }

    /** The numbers one report needs, read from the platform MXBeans. */
    private record Snapshot(MemoryUsage heap, MemoryUsage nonHeap, Map<String, long[]> gcs,
            Map<String, Long> pools, int threads, int daemonThreads, int peakThreads) {

        static Snapshot take() {
            Map<String, long[]> gcs = new LinkedHashMap<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcs.put(gc.getName(), new long[] {Math.max(0, gc.getCollectionCount()),
                    Math.max(0, gc.getCollectionTime())});
            }
            Map<String, Long> pools = new LinkedHashMap<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage usage = pool.getUsage();
                if (usage != null) {
                    pools.put(pool.getName(), usage.getUsed());
                }
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            var memory = ManagementFactory.getMemoryMXBean();
            return new Snapshot(memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage(), gcs, pools,
                    threads.getThreadCount(), threads.getDaemonThreadCount(), threads.getPeakThreadCount());
        }
    }
}
