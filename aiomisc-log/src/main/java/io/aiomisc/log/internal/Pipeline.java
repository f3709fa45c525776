package io.aiomisc.log.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.aiomisc.log.BufferedAppender;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogHandle;
import io.aiomisc.log.LogStatistics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;

/** One set-up made by {@code Logs.configure}: the output appender, buffered or not. Its handle, too. */
final class Pipeline implements LogHandle {

    private final Appender<ILoggingEvent> output;
    private final BufferedAppender buffered; // null when records are written on the logging thread
    private final LongAdder unbufferedRecords = new LongAdder();
    private volatile boolean retired;

    private Pipeline(Appender<ILoggingEvent> output, BufferedAppender buffered) {
        this.output = output;
        this.buffered = buffered;
    }

    /** Wraps a started output; starts the buffer, if any. */
    static Pipeline create(LoggerContext context, Appender<ILoggingEvent> output, LogConfig config) {
        if (!config.buffered()) {
            Pipeline pipeline = new Pipeline(output, null);
            output.addFilter(pipeline.new Counter());
            return pipeline;
        }
        BufferedAppender buffered = new BufferedAppender(output, config.bufferSize(), config.flushInterval(),
                config.overflow());
        buffered.setContext(context);
        buffered.setName("aiomisc-buffered");
        buffered.start();
        return new Pipeline(output, buffered);
    }

    /** Where records enter. */
    Appender<ILoggingEvent> entry() {
        return buffered != null ? buffered : output;
    }

    /** Drains and closes the output: this set-up has been replaced. */
    void retire() {
        if (buffered != null) {
            buffered.stop();
        } else {
            output.stop();
        }
        retired = true;
    }

    @Override
    public void flush() {
        if (retired) {
            return;
        }
        if (buffered != null) {
            buffered.flush();
        } else if (output instanceof OutputStreamAppender<ILoggingEvent> streamAppender) {
            OutputStream out = streamAppender.getOutputStream();
            try {
                if (out != null) {
                    out.flush();
                }
            } catch (IOException e) {
                streamAppender.addError("could not flush the log output", e);
            }
        }
    }

    @Override
    public void close() {
        if (retired) {
            return;
        }
        if (buffered != null) {
            buffered.stopBuffering();
        } else {
            flush();
        }
    }

    @Override
    public LogStatistics statistics() {
        if (buffered != null) {
            return buffered.statistics();
        }
        long records = unbufferedRecords.sum();
        return new LogStatistics(records, records, 0, records);
    }

    @Override
    public String toString() {
        return "LogHandle[" + (retired ? "retired" : buffered != null ? "buffered" : "synchronous") + ", "
                + output.getName() + ", " + statistics() + "]";
    }

    /** Counts the records reaching an unbuffered output; passes every one. */
    private final class Counter extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            unbufferedRecords.increment();
            return FilterReply.NEUTRAL;
        }
    }
}
