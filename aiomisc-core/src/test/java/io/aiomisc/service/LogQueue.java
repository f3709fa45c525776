package io.aiomisc.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Records the log records of the services in a queue that a test can wait on, bounded in time. */
final class LogQueue extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.aiomisc.service");
    private final Level previousLevel = logger.getLevel();
    private final LinkedBlockingQueue<ILoggingEvent> queue = new LinkedBlockingQueue<>();
    private final List<ILoggingEvent> seen = new ArrayList<>();

    LogQueue() {
        setContext(logger.getLoggerContext());
        start();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        queue.add(event);
    }

    /** Waits up to 20 s for a record matching {@code wanted}; records skipped on the way stay in {@link #seen}. */
    ILoggingEvent await(Predicate<ILoggingEvent> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ILoggingEvent e : seen) {
            if (wanted.test(e)) {
                seen.remove(e);
                return e;
            }
        }
        while (true) {
            ILoggingEvent e = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no log record " + what + " within 20 s; saw " + messages());
            }
            if (wanted.test(e)) {
                return e;
            }
            seen.add(e);
        }
    }

    /**
     * Waits for a record whose message is exactly {@code line}: a line of a process's output, which must not be
     * confused with our own records that quote the command (such as "started [sh, -c, ...echo ready...]").
     */
    ILoggingEvent awaitLine(String line) throws InterruptedException {
        return await(e -> e.getFormattedMessage().equals(line), "equal to '" + line + "'");
    }

    /** Waits for a record whose message contains {@code text}. */
    ILoggingEvent awaitMessage(String text) throws InterruptedException {
        return await(e -> e.getFormattedMessage().contains(text), "containing '" + text + "'");
    }

    /** Every record seen so far (drains the queue without waiting). */
    List<String> messages() {
        queue.drainTo(seen);
        return seen.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
