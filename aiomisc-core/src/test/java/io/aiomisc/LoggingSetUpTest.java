package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.aiomisc.log.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entrypoints that configure logging (the default); the test's own logback set-up is put back afterwards. */
@Timeout(30)
class LoggingSetUpTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.test.app");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private List<String> lines() {
        target.flush();
        return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private Entrypoint.Builder logging() {
        return Entrypoint.builder(name -> null).catchSignals(false).logTarget(target);
    }

    @Test
    void theEntrypointConfiguresLoggingAndTheLastLineIsTheStopTime() {
        Entrypoint entrypoint = logging().start();
        LOG.info("hello from the application");
        entrypoint.close();
        List<String> lines = lines();
        assertTrue(lines.stream().anyMatch(line -> line.contains("hello from the application")),
                "records reach the configured target: " + lines);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches(".*" + entrypoint.id() + " stopped in \\d+ ms.*"),
                "the stop time is the last line, flushed before close returns: " + last);
    }

    @Test
    void theLogLevelFiltersRecords() {
        Entrypoint entrypoint = logging().logLevel("warning").start();
        LOG.info("an info record");
        LOG.warn("a warning record");
        assertFalse(LOG.isInfoEnabled(), "info is off at level warning");
        entrypoint.close();
        String all = String.join("\n", lines());
        assertFalse(all.contains("an info record"), "info records are filtered out: " + all);
        assertTrue(all.contains("a warning record"), "warnings pass: " + all);
    }

    @Test
    void debugTurnsOnDebugRecords() {
        try (Entrypoint entrypoint = logging().debug(true).start()) {
            assertTrue(LOG.isDebugEnabled(), "debug(true) means the DEBUG level");
        }
    }

    @Test
    void theJsonFormatWritesOneObjectPerLine() {
        Entrypoint entrypoint = logging().logFormat(LogFormat.JSON).start();
        LOG.info("json please");
        entrypoint.close();
        List<String> lines = lines();
        assertTrue(lines.stream().anyMatch(line -> line.contains("json please")), "the record is written: " + lines);
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "every line is a JSON object: " + line);
        }
    }

    @Test
    void unbufferedLoggingWritesBeforeTheStop() {
        try (Entrypoint entrypoint = logging().logBuffering(false).start()) {
            LOG.info("written at once");
            assertTrue(lines().stream().anyMatch(line -> line.contains("written at once")),
                    "without buffering a record is in the output as soon as it is logged");
        }
    }

    @Test
    void theStaticRunConfiguresLoggingAndSignalsAndPutsThemBack() throws Exception {
        Probe probe = new Probe("svc");
        assertEquals(7, Entrypoint.run(() -> 7, probe), "run returns main's result");
        assertEquals(Service.State.STOPPED, probe.state(), "and stops the services");
        assertFalse(io.aiomisc.internal.SignalDispatcher.instance().installed(), "signal handlers are put back");
    }
}
