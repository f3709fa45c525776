package io.aiomisc.log.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The one appender {@code Logs.configure} attaches to the root logger. Reconfiguring swaps the pipeline behind it
 * in one volatile write, so no record finds two outputs or none. Name, filters and the started flag are logback's
 * {@link UnsynchronizedAppenderBase}; appending is our own (see {@link #doAppend}).
 */
final class RootRoute extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final String NAME = "aiomisc";

    private volatile Pipeline pipeline;

    /** Routes records to {@code next}; returns the pipeline routed to before, or null. */
    Pipeline swap(Pipeline next) {
        Pipeline previous = pipeline;
        pipeline = next;
        return previous;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Passes the record on unless a filter denies it. The route is transparent: unlike the base class it neither
     * guards against re-entry nor traps errors (the pipeline's appenders do both for themselves), and a record
     * that arrives while it is stopped is ignored silently.
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        if (started && getFilterChainDecision(event) != FilterReply.DENY) {
            append(event);
        }
    }

    /** Passes the record to the current pipeline; before the first one is swapped in, to none. */
    @Override
    protected void append(ILoggingEvent event) {
        Pipeline current = pipeline;
        if (current != null) {
            current.entry().doAppend(event);
        }
    }

    /** Logback stops it on {@code LoggerContext.reset()} or {@code stop()}: the pipeline's output is closed. */
    @Override
    public void stop() {
        super.stop();
        Pipeline current = swap(null);
        if (current != null) {
            current.retire();
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void setName(String name) {
        // The name identifies this route on the root logger; it is fixed.
    }
}
