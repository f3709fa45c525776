package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.internal.EnvDefaults;
import io.aiomisc.internal.SignalDispatcher;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogFormat;
import io.aiomisc.threads.ThreadPool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

@Timeout(30)
class BuilderOptionsTest {
    private static final Option<String> TRANSPORT = Option.of("transport", String.class, "AUTO");

    @Test
    void theDefaultsAreAiomiscs() {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            assertEquals(ThreadPool.defaultSize(), entrypoint.threadPool().statistics().threads(),
                    "the pool has clamp(cpus, 4, 32) threads");
            assertEquals(Duration.ofSeconds(60), entrypoint.shutdownTimeout(), "the shutdown timeout is 60 s");
            assertFalse(entrypoint.debug(), "debug is off");
            LogConfig log = entrypoint.lifecycle().settings().toLogConfig();
            assertEquals(Level.INFO, log.level(), "log level info");
            assertEquals(LogFormat.AUTO, log.format(), "log format AUTO");
            assertTrue(log.buffered(), "buffered logging");
            assertEquals(1024, log.bufferSize(), "a buffer of 1024 records");
            assertEquals(Duration.ofMillis(200), log.flushInterval(), "flushed every 200 ms");
            assertTrue(new Settings(EnvDefaults.read(name -> null)).catchSignals, "signals are caught");
            assertTrue(new Settings(EnvDefaults.read(name -> null)).logConfig, "logging is configured");
        }
    }

    @Test
    void poolSizeSetsTheThreadsOfTheEntrypointsPool() {
        try (Entrypoint entrypoint = Probe.quiet().poolSize(3).start()) {
            assertEquals(3, entrypoint.threadPool().statistics().threads());
        }
    }

    @Test
    void logOptionsReachTheLogConfiguration() {
        Entrypoint.Builder builder = Probe.quiet().logLevel("warning").logFormat(LogFormat.JSON)
                .logBuffering(false).logBufferSize(16).logFlushInterval(Duration.ofMillis(50));
        try (Entrypoint entrypoint = builder.start()) {
            LogConfig log = entrypoint.lifecycle().settings().toLogConfig();
            assertEquals(Level.WARN, log.level());
            assertEquals(LogFormat.JSON, log.format());
            assertFalse(log.buffered());
            assertEquals(16, log.bufferSize());
            assertEquals(Duration.ofMillis(50), log.flushInterval());
        }
    }

    @Test
    void debugMeansDebugLevelUnlessALevelIsGiven() {
        try (Entrypoint entrypoint = Probe.quiet().debug(true).start()) {
            assertTrue(entrypoint.debug(), "modules can read debug mode");
            assertEquals(Level.DEBUG, entrypoint.lifecycle().settings().toLogConfig().level());
        }
        try (Entrypoint entrypoint = Probe.quiet().debug(true).logLevel(Level.ERROR).start()) {
            assertEquals(Level.ERROR, entrypoint.lifecycle().settings().toLogConfig().level(),
                    "an explicit level wins over debug");
        }
    }

    @Test
    void logConfigFalseLeavesTheLoggingSetUpAlone() {
        assertTrue(LoggerFactory.getLogger("io.aiomisc.test.marker").isTraceEnabled(),
                "precondition: logback-test.xml is in force");
        Probe.quiet().logLevel("error").start().close();
        assertTrue(LoggerFactory.getLogger("io.aiomisc.test.marker").isTraceEnabled(),
                "an entrypoint with logConfig(false) did not reconfigure logging");
    }

    @Test
    void optionsAreReadBack() {
        try (Entrypoint entrypoint = Probe.quiet().set(TRANSPORT, "NIO").start()) {
            assertEquals("NIO", entrypoint.option(TRANSPORT));
        }
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            assertEquals("AUTO", entrypoint.option(TRANSPORT), "an unset option has its default");
        }
    }

    @Test
    void signalsAreCaughtOnlyWhenAsked() {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            assertFalse(SignalDispatcher.instance().installed(), "catchSignals(false) installs no handler");
        }
        try (Entrypoint entrypoint = Entrypoint.builder(name -> null).logConfig(false).start()) {
            assertTrue(SignalDispatcher.instance().installed(), "by default SIGINT/SIGTERM handlers are installed");
        }
        assertFalse(SignalDispatcher.instance().installed(), "the previous handlers are restored on close");
    }

    @Test
    void badValuesFailEagerlyNamingTheParameter() {
        Entrypoint.Builder builder = Probe.quiet();
        assertEquals("poolSize must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.poolSize(0)).getMessage());
        assertEquals("logBufferSize must be >= 1, was -1",
                assertThrows(IllegalArgumentException.class, () -> builder.logBufferSize(-1)).getMessage());
        assertEquals("shutdownTimeout must be > 0, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> builder.shutdownTimeout(Duration.ZERO))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.logLevel("loud")).getMessage()
                .startsWith("logLevel"));
        assertThrows(IllegalArgumentException.class, () -> builder.logFlushInterval(Duration.ofMillis(-1)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Option<Object> raw = (Option) TRANSPORT;
        assertThrows(IllegalArgumentException.class, () -> builder.set(raw, 42));
    }

    @Test
    void anOptionMayBeSetOnce() {
        Entrypoint.Builder builder = Probe.quiet().poolSize(4);
        assertEquals("poolSize was already set on this builder",
                assertThrows(IllegalStateException.class, () -> builder.poolSize(5)).getMessage());
        builder.set(TRANSPORT, "NIO");
        assertThrows(IllegalStateException.class, () -> builder.set(TRANSPORT, "EPOLL"));
    }

    @Test
    void environmentVariablesGiveTheDefaultsAndExplicitCallsWin() {
        Map<String, String> env = Map.of(
                "AIOMISC_POOL_SIZE", "5",
                "AIOMISC_SHUTDOWN_TIMEOUT", "0.25",
                "AIOMISC_DEBUG", "yes",
                "AIOMISC_LOG_LEVEL", "warning",
                "AIOMISC_LOG_FORMAT", "stream",
                "AIOMISC_LOG_BUFFERING", "off",
                "AIOMISC_LOG_BUFFER", "64",
                "AIOMISC_LOG_FLUSH", "0.5",
                "AIOMISC_LOG_CONFIG", "0");
        try (Entrypoint entrypoint = Entrypoint.builder(env::get).catchSignals(false).start()) {
            assertEquals(5, entrypoint.threadPool().statistics().threads(), "AIOMISC_POOL_SIZE");
            assertEquals(Duration.ofMillis(250), entrypoint.shutdownTimeout(), "AIOMISC_SHUTDOWN_TIMEOUT");
            assertTrue(entrypoint.debug(), "AIOMISC_DEBUG");
            Settings settings = entrypoint.lifecycle().settings();
            assertFalse(settings.logConfig, "AIOMISC_LOG_CONFIG");
            LogConfig log = settings.toLogConfig();
            assertEquals(LogFormat.PLAIN, log.format(), "AIOMISC_LOG_FORMAT=stream is PLAIN");
            assertFalse(log.buffered(), "AIOMISC_LOG_BUFFERING");
            assertEquals(64, log.bufferSize(), "AIOMISC_LOG_BUFFER");
            assertEquals(Duration.ofMillis(500), log.flushInterval(), "AIOMISC_LOG_FLUSH");
            assertEquals(Level.DEBUG, log.level(), "debug from the environment still means DEBUG");
        }
        try (Entrypoint entrypoint = Entrypoint.builder(env::get).catchSignals(false).poolSize(2).start()) {
            assertEquals(2, entrypoint.threadPool().statistics().threads(), "an explicit call wins");
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Entrypoint.builder(Map.of("AIOMISC_POOL_SIZE", "many")::get));
        assertEquals("AIOMISC_POOL_SIZE must be a whole number >= 1, was 'many'", bad.getMessage());
    }
}
