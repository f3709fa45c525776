package io.aiomisc.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterAttachableImpl;
import ch.qos.logback.core.spi.FilterReply;
import io.aiomisc.log.internal.LogBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A logback appender that hands records to one writer thread, which writes them in batches into the wrapped
 * appender. Use it instead of logback's {@code AsyncAppender}: it loses nothing by default and is faster.
 *
 * <ul>
 *   <li>Records wait in a JCTools MPSC queue of {@code bufferSize} records (rounded up to a power of two). The
 *       message, thread name and MDC of each record are captured on the logging thread
 *       ({@code prepareForDeferredProcessing}), so deferred formatting shows what was true when it was logged.
 *       Caller data (file, line) is not captured: use an encoder that does not need it.</li>
 *   <li>One platform daemon thread, {@code aiomisc-log-writer}, drains the queue in batches of up to
 *       {@code bufferSize} records and passes them to the wrapped appender; it is the only thread that calls it
 *       while buffering. It flushes the wrapped appender's output stream (an {@code OutputStreamAppender}'s, or
 *       any {@link java.io.Flushable} appender) at the latest {@code flushInterval} after the first unflushed
 *       record was written, and after every {@code bufferSize} records. While buffering, the flush schedule is
 *       this appender's: a wrapped {@code OutputStreamAppender} is switched to {@code immediateFlush=false} by
 *       {@link #start()} (and back to {@code true} by {@link #stopBuffering()}). An idle writer parks and uses no
 *       CPU. A writer holding unflushed output sleeps until that flush is due and is woken earlier only when
 *       {@code bufferSize} records are pending or half the queue is used, so a steady stream costs one wake-up per
 *       batch rather than one per record; records reach the output no later for it, since the output is only
 *       flushed on that schedule anyway.</li>
 *   <li>When the queue is full, {@link Overflow#BLOCK} parks the logging thread until the writer has made room
 *       (nothing is lost; no CPU is burnt while waiting); {@link Overflow#DROP} drops the record and counts it.</li>
 *   <li>{@link #stopBuffering()} writes everything queued and ends the writer thread; from then on records are
 *       written synchronously on the logging thread, so none is lost or blocked. {@link #stop()} does that and
 *       then stops the wrapped appender.</li>
 * </ul>
 *
 * <p>Design choice: it wraps any {@code Appender} instead of encoding itself, so the same class buffers a file,
 * a stream or syslog, the fall-back after {@code stopBuffering()} is the wrapped appender itself, and benchmarks
 * compare it with {@code AsyncAppender} around the very same file appender.
 *
 * <p>Thread-safe. Filters attached here run on the logging thread, before the record is queued. Usage:
 * <pre>{@code
 * BufferedAppender buffered = new BufferedAppender(fileAppender, 1024, Duration.ofMillis(200), Overflow.BLOCK);
 * buffered.setContext(loggerContext);
 * buffered.start();
 * loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(buffered);
 * }</pre>
 */
public final class BufferedAppender extends ContextAwareBase implements Appender<ILoggingEvent> {

    private final LogBuffer buffer;
    private final FilterAttachableImpl<ILoggingEvent> filters = new FilterAttachableImpl<>();
    private volatile String name = "aiomisc-buffered";

    /**
     * Wraps {@code delegate} with the default buffer size, flush interval and {@link Overflow#BLOCK}.
     *
     * @param delegate the appender that writes; it must be started before {@link #start()}
     * @throws NullPointerException if {@code delegate} is null
     */
    public BufferedAppender(Appender<ILoggingEvent> delegate) {
        this(delegate, LogConfig.DEFAULT_BUFFER_SIZE, LogConfig.DEFAULT_FLUSH_INTERVAL, Overflow.BLOCK);
    }

    /**
     * Wraps {@code delegate}.
     *
     * @param delegate      the appender that writes; it must be started before {@link #start()}
     * @param bufferSize    queue capacity in records and flush-by-size threshold, 1 to
     *                      {@link LogConfig#MAX_BUFFER_SIZE} (default {@link LogConfig#DEFAULT_BUFFER_SIZE})
     * @param flushInterval the longest written output stays unflushed, positive (default
     *                      {@link LogConfig#DEFAULT_FLUSH_INTERVAL})
     * @param overflow      what to do when the queue is full
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code bufferSize} or {@code flushInterval} is out of range
     */
    public BufferedAppender(Appender<ILoggingEvent> delegate, int bufferSize, Duration flushInterval,
                            Overflow overflow) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(overflow, "overflow");
        if (bufferSize < 1 || bufferSize > LogConfig.MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException(
                    "bufferSize must be between 1 and " + LogConfig.MAX_BUFFER_SIZE + ", was " + bufferSize);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
        }
        this.buffer = new LogBuffer(delegate, bufferSize, saturatedNanos(flushInterval), overflow, this);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2; // far enough ahead that deadline arithmetic cannot overflow
        }
    }

    /**
     * Starts the writer thread and switches a wrapped {@code OutputStreamAppender} to
     * {@code immediateFlush=false}, since flushing is scheduled here. Does nothing if already started. If the
     * wrapped appender is not started, adds an error status and stays stopped (logback's convention; check
     * {@link #isStarted()}).
     */
    @Override
    public void start() {
        buffer.start();
    }

    /**
     * {@link #stopBuffering()}, then stops the wrapped appender (closing its output). Later records are passed
     * to the stopped wrapped appender, which ignores them as stopped logback appenders do. Blocks while the
     * queue drains. Idempotent.
     */
    @Override
    public void stop() {
        buffer.stop();
    }

    /**
     * Writes every queued record, flushes, ends the writer thread and switches to synchronous writing into the
     * wrapped appender, which stays started (an {@code OutputStreamAppender} is switched to
     * {@code immediateFlush=true}). Blocks while the queue drains; logging threads that arrive meanwhile wait for
     * it, then write synchronously. Idempotent; ignored when called from the writer thread itself.
     */
    public void stopBuffering() {
        buffer.stopBuffering();
    }

    /**
     * Whether records are accepted: true from {@link #start()} until {@link #stop()}, including after
     * {@link #stopBuffering()}.
     *
     * @return whether this appender is started
     */
    @Override
    public boolean isStarted() {
        return buffer.isStarted();
    }

    /**
     * Queues the record; or, once buffering has stopped, writes it synchronously. With {@link Overflow#BLOCK}
     * and a full queue, blocks (uninterruptibly, as logback's appenders do) until the writer has made room.
     * Records denied by an attached filter are ignored; a record appended before {@link #start()} is ignored.
     *
     * @param event the record
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        if (filters.getFilterChainDecision(event) == FilterReply.DENY) {
            return;
        }
        buffer.append(event);
    }

    /**
     * Writes and flushes every record appended before this call. Blocks until done.
     */
    public void flush() {
        buffer.flush();
    }

    /**
     * Returns the counters. Never blocks.
     *
     * @return a snapshot of the counters
     */
    public LogStatistics statistics() {
        return buffer.statistics();
    }

    /** The writer thread, or null before {@link #start()}; for tests. */
    Thread writerThread() {
        return buffer.writerThread();
    }

    /**
     * Returns the name (default {@code aiomisc-buffered}).
     *
     * @return the name
     */
    @Override
    public String getName() {
        return name;
    }

    /**
     * Sets the name.
     *
     * @param name the name
     */
    @Override
    public void setName(String name) {
        this.name = name;
    }

    /**
     * Adds a filter, evaluated on the logging thread before a record is queued.
     *
     * @param newFilter the filter
     */
    @Override
    public void addFilter(Filter<ILoggingEvent> newFilter) {
        filters.addFilter(newFilter);
    }

    /** Removes every filter. */
    @Override
    public void clearAllFilters() {
        filters.clearAllFilters();
    }

    /**
     * Returns the attached filters.
     *
     * @return a copy of the filter list
     */
    @Override
    public List<Filter<ILoggingEvent>> getCopyOfAttachedFiltersList() {
        return filters.getCopyOfAttachedFiltersList();
    }

    /**
     * Runs the filters on a record.
     *
     * @param event the record
     * @return the first non-neutral decision, or {@code NEUTRAL}
     */
    @Override
    public FilterReply getFilterChainDecision(ILoggingEvent event) {
        return filters.getFilterChainDecision(event);
    }

    @Override
    public String toString() {
        return "BufferedAppender[" + name + ", " + statistics() + "]";
    }
}
