package io.aiomisc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

@Timeout(60)
class ConfigureTest {

    private final Capture capture = new Capture();
    private LogHandle handle;

    @AfterEach
    void closeHandle() {
        if (handle != null) {
            handle.close();
        }
    }

    private static ch.qos.logback.classic.Logger root() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void recordsBelowTheRootLevelAreNotWritten() {
        handle = Logs.configure(LogConfig.builder().level("warning").format(LogFormat.PLAIN)
                .target(capture.stream).build());
        Logger log = LoggerFactory.getLogger("configure.levels");
        log.debug("debug record");
        log.info("info record");
        log.warn("warn record");
        log.error("error record");
        handle.flush();

        List<String> lines = capture.linesOf("configure.levels");
        assertEquals(2, lines.size(), "only WARN and ERROR pass a 'warning' root level: " + lines);
        assertTrue(lines.get(0).endsWith("WARN  [" + Thread.currentThread().getName()
                + "] configure.levels - warn record"), lines.get(0));
        assertTrue(lines.get(1).contains("ERROR"), lines.get(1));
        assertEquals(2, handle.statistics().appended(), "filtered records never reach the appender");
    }

    @Test
    void aFilterAttachedToTheRootRouteDecidesForEveryOutput() {
        handle = Logs.configure(LogConfig.builder().level("info").format(LogFormat.PLAIN)
                .target(capture.stream).build());
        Appender<ILoggingEvent> route = root().getAppender("aiomisc");
        route.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getFormattedMessage().contains("secret") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        });
        try {
            Logger log = LoggerFactory.getLogger("configure.filter");
            log.info("secret record");
            log.info("public record");
            handle.flush();
        } finally {
            route.clearAllFilters();
        }

        List<String> lines = capture.linesOf("configure.filter");
        assertEquals(1, lines.size(), "a record the route's filter denies must not be written: " + lines);
        assertTrue(lines.get(0).endsWith("public record"), lines.get(0));
        assertEquals(1, handle.statistics().appended(), "a denied record never reaches the buffer");
    }

    @Test
    void julRecordsLandInTheSameOutputAtTheMatchingLevel() {
        handle = Logs.configure(LogConfig.builder().level("debug").format(LogFormat.PLAIN)
                .target(capture.stream).build());
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("configure.jul");
        jul.fine("fine from jul");
        jul.info("info from jul");
        jul.warning("warning from jul");
        jul.severe("severe from jul");
        jul.finest("finest from jul");
        handle.flush();

        List<String> lines = capture.linesOf("configure.jul");
        assertEquals(4, lines.size(), "FINE and up pass a debug root level, FINEST does not: " + lines);
        assertTrue(lines.get(0).contains(" DEBUG ") && lines.get(0).endsWith("fine from jul"), lines.get(0));
        assertTrue(lines.get(1).contains(" INFO ") && lines.get(1).endsWith("info from jul"), lines.get(1));
        assertTrue(lines.get(2).contains(" WARN ") && lines.get(2).endsWith("warning from jul"), lines.get(2));
        assertTrue(lines.get(3).contains(" ERROR ") && lines.get(3).endsWith("severe from jul"), lines.get(3));

        handle = Logs.configure(LogConfig.builder().level("info").format(LogFormat.PLAIN)
                .target(capture.stream).build());
        assertFalse(jul.isLoggable(java.util.logging.Level.FINE),
                "the level change reached JUL, which no longer builds FINE records");
        long bridges = Arrays.stream(java.util.logging.Logger.getLogger("").getHandlers())
                .filter(SLF4JBridgeHandler.class::isInstance).count();
        assertEquals(1, bridges, "the bridge is installed once, however often logging is configured");
    }

    @Test
    void reconfiguringReplacesTheOutputWithoutDuplicatesOrLeakedThreads() {
        Capture first = new Capture();
        Capture second = new Capture();
        Logger log = LoggerFactory.getLogger("configure.again");
        LogHandle firstHandle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN)
                .flushInterval(java.time.Duration.ofHours(1)).target(first.stream).build());
        log.info("one");
        for (int i = 0; i < 20; i++) {
            handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).target(second.stream).build());
        }
        log.info("two");
        handle.flush();

        assertEquals(1, first.linesOf("configure.again").size(),
                "the replaced output was drained and flushed: " + first.lines());
        assertTrue(first.linesOf("configure.again").get(0).endsWith(" - one"));
        List<String> later = second.linesOf("configure.again");
        assertEquals(1, later.size(), "the new output has the later record once: " + later);
        assertTrue(later.get(0).endsWith(" - two"));
        assertEquals(1, Capture.countThreads("aiomisc-log-writer"), "one writer thread after 21 set-ups");

        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root().iteratorForAppenders().forEachRemaining(appenders::add);
        assertEquals(1, appenders.size(), "the root logger has one appender: " + appenders);
        firstHandle.flush();
        firstHandle.close(); // a retired handle does nothing
        assertEquals(1, firstHandle.statistics().written());
    }

    @Test
    void unbufferedOutputIsWrittenBeforeTheLogCallReturns() {
        handle = Logs.configure(LogConfig.builder().buffered(false).format(LogFormat.PLAIN)
                .target(capture.stream).build());
        Logger log = LoggerFactory.getLogger("configure.sync");
        for (int i = 0; i < 3; i++) {
            log.info("record {}", i);
            assertEquals(i + 1, capture.linesOf("configure.sync").size(), "record " + i + " is out at once");
        }
        assertEquals(0, Capture.countThreads("aiomisc-log-writer"), "no writer thread without buffering");
        assertEquals(new LogStatistics(3, 3, 0, 3), handle.statistics());
    }

    @Test
    void anOutputThatCannotOpenFailsAndKeepsThePreviousSetUp(@TempDir Path dir) {
        handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).target(capture.stream).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Logs.configure(LogConfig.builder().file(dir).build()));
        assertTrue(e.getMessage().contains(dir.toString()), "the message names the file: " + e.getMessage());

        LoggerFactory.getLogger("configure.kept").info("still here");
        handle.flush();
        assertEquals(1, capture.linesOf("configure.kept").size(), "the previous set-up still writes");
    }

    @Test
    void fileOutputAppendsAcrossSetUps(@TempDir Path dir) {
        Path file = dir.resolve("logs").resolve("app.log");
        Logger log = LoggerFactory.getLogger("configure.file");
        handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).file(file).build());
        log.info("first");
        handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).file(file).build());
        log.info("second");
        handle.close();

        List<String> lines = Capture.fileLines(file);
        assertEquals(2, lines.size(), "the missing directory was created and both records appended: " + lines);
        assertTrue(lines.get(0).endsWith(" - first") && lines.get(1).endsWith(" - second"), lines.toString());
    }

    @Test
    void anotherRootAppenderIsDetachedSoNothingIsPrintedTwice() {
        Capture stray = new Capture();
        ch.qos.logback.core.OutputStreamAppender<ILoggingEvent> xmlLike = new ch.qos.logback.core.OutputStreamAppender<>();
        xmlLike.setContext(root().getLoggerContext());
        xmlLike.setOutputStream(stray.stream);
        ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(root().getLoggerContext());
        encoder.setPattern("%msg%n");
        encoder.start();
        xmlLike.setEncoder(encoder);
        xmlLike.start();
        root().addAppender(xmlLike);

        handle = Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).target(capture.stream).build());
        LoggerFactory.getLogger("configure.detach").info("once");
        handle.flush();
        assertEquals("", stray.text(), "the other appender was detached");
        assertFalse(xmlLike.isStarted(), "and stopped");
        assertEquals(1, capture.linesOf("configure.detach").size());
    }
}
