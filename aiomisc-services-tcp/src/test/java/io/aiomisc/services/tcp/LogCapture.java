package io.aiomisc.services.tcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Collects the records of one logger and its children, down to DEBUG, while a test runs; the level is restored on
 * close. Tests wait for the record they expect with {@link #await}, never with a sleep.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lock.lock();
            try {
                events.add(event);
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }
    };

    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Waits for the first record that {@code wanted} accepts; fails the test with what was logged instead. */
    ILoggingEvent await(Predicate<ILoggingEvent> wanted, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (ILoggingEvent event : events) {
                    if (wanted.test(event)) {
                        return event;
                    }
                }
                if (nanos <= 0) {
                    throw new AssertionError("no such log record within " + timeout + "; logged: " + lines());
                }
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The records so far as {@code LEVEL message} lines. */
    List<String> lines() {
        lock.lock();
        try {
            return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The records so far at WARN or above. */
    List<String> warnings() {
        lock.lock();
        try {
            return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
    }
}
