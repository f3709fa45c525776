package io.aiomisc;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects the records logged by the core while a test runs. */
final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.aiomisc");
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    LogCapture() {
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            messages.add(event.getLevel() + " " + event.getFormattedMessage());
        }
        return messages;
    }

    List<ILoggingEvent> events() {
        return new ArrayList<>(events);
    }

    /** The throwables logged with the records, in order. */
    List<IThrowableProxy> throwables() {
        List<IThrowableProxy> throwables = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            if (event.getThrowableProxy() != null) {
                throwables.add(event.getThrowableProxy());
            }
        }
        return throwables;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
