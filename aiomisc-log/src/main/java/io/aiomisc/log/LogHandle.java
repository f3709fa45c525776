package io.aiomisc.log;

/**
 * The logging set-up made by {@link Logs#configure(LogConfig)}.
 *
 * <p>All methods are thread-safe. A later {@code configure} replaces this set-up: the handle is then retired,
 * its output closed, and its methods do nothing (its statistics stay as they were).
 */
public interface LogHandle extends AutoCloseable {

    /**
     * Writes and flushes every record logged before this call. Blocks until that is done; with buffering on, that
     * is at most the time the writer needs for the records queued ahead.
     */
    void flush();

    /**
     * Stops buffering: blocks until every queued record is written and the output flushed, then ends the writer
     * thread. Logging keeps working afterwards, synchronously on the logging thread to the same output, so later
     * records are neither lost nor blocked. Idempotent.
     */
    @Override
    void close();

    /**
     * Returns the counters of this set-up. Never blocks.
     *
     * @return a snapshot of the counters
     */
    LogStatistics statistics();
}
