package io.aiomisc.log;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogConfigTest {

    @Test
    void defaultsAreAiomiscDefaults() {
        LogConfig config = LogConfig.builder().build();
        assertAll(
                () -> assertEquals(Level.INFO, config.level(), "default level"),
                () -> assertEquals(LogFormat.AUTO, config.format(), "default format"),
                () -> assertTrue(config.buffered(), "buffered by default"),
                () -> assertEquals(1024, config.bufferSize(), "default buffer size"),
                () -> assertEquals(Duration.ofMillis(200), config.flushInterval(), "default flush interval"),
                () -> assertEquals(Overflow.BLOCK, config.overflow(), "default overflow"),
                () -> assertSame(System.err, config.target(), "default target"),
                () -> assertNull(config.file(), "no file by default"),
                () -> assertEquals("localhost", config.syslogHost(), "default syslog host"),
                () -> assertEquals(514, config.syslogPort(), "default syslog port"));
        assertEquals(LogConfig.DEFAULT_BUFFER_SIZE, config.bufferSize());
        assertEquals(LogConfig.DEFAULT_FLUSH_INTERVAL, config.flushInterval());
        assertEquals(LogConfig.DEFAULT_LEVEL, config.level());
    }

    @Test
    void levelNamesAcceptAiomiscSpellingsInAnyCase() {
        assertAll(
                () -> assertEquals(Level.DEBUG, Logs.parseLevel("debug")),
                () -> assertEquals(Level.DEBUG, Logs.parseLevel(" DEBUG ")),
                () -> assertEquals(Level.INFO, Logs.parseLevel("Info")),
                () -> assertEquals(Level.WARN, Logs.parseLevel("warning")),
                () -> assertEquals(Level.WARN, Logs.parseLevel("WARN")),
                () -> assertEquals(Level.ERROR, Logs.parseLevel("error")),
                () -> assertEquals(Level.ERROR, Logs.parseLevel("critical")),
                () -> assertEquals(Level.ERROR, Logs.parseLevel("FATAL")),
                () -> assertEquals(Level.TRACE, Logs.parseLevel("trace")),
                () -> assertEquals(Level.TRACE, Logs.parseLevel("notset")));
        assertEquals(Level.WARN, LogConfig.builder().level("Warning").build().level());
        assertEquals(Level.DEBUG, LogConfig.builder().level(Level.DEBUG).build().level());
    }

    @Test
    void unknownLevelNameIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logs.parseLevel("loud"));
        assertTrue(e.getMessage().contains("\"loud\""), "the message names the bad value: " + e.getMessage());
        for (String valid : new String[] {"critical", "fatal", "error", "warning", "warn", "info", "debug"}) {
            assertTrue(e.getMessage().contains(valid), "the message lists " + valid + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> LogConfig.builder().level("verbose"));
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheParameterAndValue() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> LogConfig.builder().bufferSize(0));
        assertEquals("bufferSize must be between 1 and 1048576, was 0", size.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> LogConfig.builder().flushInterval(Duration.ZERO));
        assertEquals("flushInterval must be positive, was PT0S", interval.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> LogConfig.builder().syslog("localhost", 70000));
        assertEquals("syslogPort must be between 1 and 65535, was 70000", port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogConfig.builder().syslog(" ", 514));
    }

    @Test
    void settingAnOptionTwiceIsAnError() {
        LogConfig.Builder builder = LogConfig.builder().bufferSize(8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.bufferSize(16));
        assertEquals("bufferSize was already set to 8", e.getMessage());
        assertThrows(IllegalStateException.class, () -> LogConfig.builder().level("info").level("debug"));
    }

    @Test
    void destinationsExcludeEachOther() {
        PrintStream out = System.out;
        Path file = Path.of("app.log");
        assertThrows(IllegalStateException.class, () -> LogConfig.builder().target(out).file(file));
        assertThrows(IllegalStateException.class, () -> LogConfig.builder().file(file).syslog("localhost", 514));
        assertThrows(IllegalStateException.class,
                () -> LogConfig.builder().syslog("localhost", 514).format(LogFormat.JSON));
        assertThrows(IllegalStateException.class, () -> LogConfig.builder().format(LogFormat.SYSLOG).target(out));
        assertThrows(IllegalStateException.class, () -> LogConfig.builder().target(out).format(LogFormat.SYSLOG));
    }

    @Test
    void syslogAddressImpliesTheSyslogFormat() {
        LogConfig config = LogConfig.builder().syslog("127.0.0.1", 5514).build();
        assertEquals(LogFormat.SYSLOG, config.format());
        assertEquals("127.0.0.1", config.syslogHost());
        assertEquals(5514, config.syslogPort());
    }

    @Test
    void fileReplacesTheDefaultTarget() {
        LogConfig config = LogConfig.builder().file(Path.of("app.log")).build();
        assertNull(config.target(), "a file config has no stream target");
        assertEquals(Path.of("app.log"), config.file());
    }

    @Test
    void recordConstructorChecksTheDestination() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogConfig(
                Level.INFO, LogFormat.PLAIN, true, 16, Duration.ofSeconds(1), Overflow.BLOCK, null, null,
                "localhost", 514));
        assertTrue(e.getMessage().startsWith("exactly one of target and file"), e.getMessage());
    }
}
