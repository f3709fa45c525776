package io.aiomisc.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.aiomisc.log.BufferedAppender;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.Overflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Records per second into a file through {@link BufferedAppender} (BLOCK) and through logback's
 * {@code AsyncAppender}, lossless ({@code discardingThreshold=0}, {@code neverBlock=false}) and with its defaults.
 *
 * <p>Every variant wraps the same kind of {@code FileAppender}: the same {@code PatternLayoutEncoder} pattern, a new
 * file in a temp directory per iteration, the same {@code immediateFlush} (a parameter), the default 8 KiB stream
 * buffer. With {@code immediateFlush=true} (logback's default) {@code AsyncAppender}'s worker flushes, a write
 * system call, after every record, while {@code BufferedAppender} takes the flushing over (every 1024 records or
 * 200 ms); with {@code false} both leave it to the stream buffer, and {@code BufferedAppender} still flushes on its
 * schedule. {@code ASYNC_LOSSLESS} is logback's default queue (256) made lossless; {@code ASYNC_LOSSLESS_1024} has
 * the buffered variant's capacity, for the record. One operation is one
 * {@code logger.info} call. At the end of each iteration the appender is stopped (which drains it), the file's
 * lines are counted and compared with the calls made: a lossless variant that lost a record fails the run; the
 * default {@code AsyncAppender} prints how many it dropped. The drain at the end is not inside JMH's timing; it is
 * at most one queue (1024 records) against millions measured, and its duration is printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogAppenderBench {

    /** The appender in front of the file appender. */
    public enum Variant { BUFFERED, ASYNC_LOSSLESS, ASYNC_LOSSLESS_1024, ASYNC_DEFAULT }

    static final int QUEUE = 1024;
    static final int DEFAULT_ASYNC_QUEUE = AsyncAppender.DEFAULT_QUEUE_SIZE;
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n";

    @Param({"BUFFERED", "ASYNC_LOSSLESS", "ASYNC_LOSSLESS_1024", "ASYNC_DEFAULT"})
    public Variant variant;

    /** The file appender's setting, the same for every variant ({@code true} is logback's default). */
    @Param({"true", "false"})
    public boolean immediateFlush;

    private final LongAdder calls = new LongAdder();
    private Path directory;
    private Path file;
    private Appender<ILoggingEvent> front;
    private Logger logger;

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void open() throws IOException {
        directory = Files.createTempDirectory("aiomisc-log-bench");
        file = directory.resolve("bench.log");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("file");
        fileAppender.setFile(file.toString());
        fileAppender.setImmediateFlush(immediateFlush);
        fileAppender.setEncoder(encoder);
        fileAppender.start();

        front = switch (variant) {
            case BUFFERED -> new BufferedAppender(fileAppender, QUEUE, LogConfig.DEFAULT_FLUSH_INTERVAL, Overflow.BLOCK);
            case ASYNC_LOSSLESS -> losslessAsync(context, fileAppender, DEFAULT_ASYNC_QUEUE);
            case ASYNC_LOSSLESS_1024 -> losslessAsync(context, fileAppender, QUEUE);
            case ASYNC_DEFAULT -> {
                AsyncAppender async = new AsyncAppender();
                async.setContext(context);
                async.addAppender(fileAppender);
                yield async;
            }
        };
        front.setContext(context);
        front.setName("front");
        front.start();
        logger = context.getLogger("io.aiomisc.bench.LogAppenderBench");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(front);
        calls.reset();
    }

    @Benchmark
    @Threads(1)
    public void oneProducer() {
        log();
    }

    @Benchmark
    @Threads(4)
    public void fourProducers() {
        log();
    }

    private static AsyncAppender losslessAsync(LoggerContext context, Appender<ILoggingEvent> file, int queue) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setQueueSize(queue);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(0); // wait for the whole drain when stopping
        async.addAppender(file);
        return async;
    }

    private void log() {
        calls.increment();
        logger.info("record {} from the benchmark", 42);
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void close(BenchmarkParams params) throws IOException {
        long started = System.nanoTime();
        front.stop(); // drains, then stops and flushes the file appender
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long written = countLines(file);
        long made = calls.sum();
        long lost = made - written;
        System.out.printf("%n[%s, immediateFlush=%s, %d threads] calls=%d written=%d lost=%d (%.1f%%) drain=%d ms%n",
                variant, immediateFlush, params.getThreads(), made, written, lost,
                made == 0 ? 0.0 : 100.0 * lost / made, drainMillis);
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        if (lost != 0 && variant != Variant.ASYNC_DEFAULT) {
            throw new IllegalStateException(variant + " lost " + lost + " of " + made + " records");
        }
    }

    private static long countLines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
