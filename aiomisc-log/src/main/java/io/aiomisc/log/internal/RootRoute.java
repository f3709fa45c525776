package io.aiomisc.log.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterAttachableImpl;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;

/**
 * The one appender {@code Logs.configure} attaches to the root logger. Reconfiguring swaps the pipeline behind it
 * in one volatile write, so no record finds two outputs or none.
 */
final class RootRoute extends ContextAwareBase implements Appender<ILoggingEvent> {

    static final String NAME = "aiomisc";

    private final FilterAttachableImpl<ILoggingEvent> filters = new FilterAttachableImpl<>();
    private volatile Pipeline pipeline;
    private volatile boolean started;

    /** Routes records to {@code next}; returns the pipeline routed to before, or null. */
    Pipeline swap(Pipeline next) {
        Pipeline previous = pipeline;
        pipeline = next;
        return previous;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public void doAppend(ILoggingEvent event) {
        Pipeline current = pipeline;
        if (started && current != null && filters.getFilterChainDecision(event) != FilterReply.DENY) {
            current.entry().doAppend(event);
        }
    }

    @Override
    public void start() {
        started = true;
    }

    /** Logback stops it on {@code LoggerContext.reset()} or {@code stop()}: the pipeline's output is closed. */
    @Override
    public void stop() {
        started = false;
        Pipeline current = swap(null);
        if (current != null) {
            current.retire();
        }
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void setName(String name) {
        // The name identifies this route on the root logger; it is fixed.
    }

    @Override
    public void addFilter(Filter<ILoggingEvent> newFilter) {
        filters.addFilter(newFilter);
    }

    @Override
    public void clearAllFilters() {
        filters.clearAllFilters();
    }

    @Override
    public List<Filter<ILoggingEvent>> getCopyOfAttachedFiltersList() {
        return filters.getCopyOfAttachedFiltersList();
    }

    @Override
    public FilterReply getFilterChainDecision(ILoggingEvent event) {
        return filters.getFilterChainDecision(event);
    }
}
