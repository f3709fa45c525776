package io.aiomisc.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class TaskFailureLoggingTest {

    @Test
    void anExceptionFromAnExecutedTaskIsLoggedWithThePoolNameAndTheCause() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.aiomisc.threads.ThreadPool");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level previousLevel = logger.getLevel();
        boolean previousAdditive = logger.isAdditive();
        logger.setLevel(Level.ERROR); // logback-test.xml turns it off for the other tests
        logger.setAdditive(false); // keep the expected stack trace out of the build output
        IllegalStateException thrown = new IllegalStateException("expected by the test");
        try (ThreadPool pool = new ThreadPool(1, PoolThreads.uniqueName("logged"))) {
            pool.execute(() -> {
                throw thrown;
            });
            pool.call(() -> null).get(10, TimeUnit.SECONDS); // the same worker ran the failing task first

            assertEquals(1, appender.list.size(), "exactly one log event per failed task");
            ILoggingEvent event = appender.list.get(0);
            assertEquals(Level.ERROR, event.getLevel());
            assertTrue(event.getFormattedMessage().contains(pool.name()),
                    "the log line must name the pool: " + event.getFormattedMessage());
            assertSame(thrown, ((ThrowableProxy) event.getThrowableProxy()).getThrowable());
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previousLevel);
            logger.setAdditive(previousAdditive);
        }
    }
}
