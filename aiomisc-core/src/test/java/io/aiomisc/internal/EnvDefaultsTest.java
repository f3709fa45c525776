package io.aiomisc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.log.LogFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

class EnvDefaultsTest {

    private static EnvDefaults read(String name, String value) {
        return EnvDefaults.read(Map.of(name, value)::get);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "enable", "enabled", "on", "true", "yes", "YES", "True", " On "})
    void theseSpellingsAreTrue(String value) {
        assertTrue(read("AIOMISC_DEBUG", value).debug(), value + " means true, as in aiomisc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "off", "false", "no", "", "nope", "2"})
    void everythingElseIsFalse(String value) {
        assertFalse(read("AIOMISC_DEBUG", value).debug(), "'" + value + "' means false, as in aiomisc");
    }

    @Test
    void unsetVariablesLeaveTheDefaults() {
        EnvDefaults env = EnvDefaults.read(name -> null);
        assertNull(env.poolSize());
        assertNull(env.debug());
        assertNull(env.logFormat());
        assertFalse(env.noPlugins());
    }

    @Test
    void durationsAreDecimalSeconds() {
        assertEquals(Duration.ofMillis(200), read("AIOMISC_LOG_FLUSH", "0.2").logFlushInterval());
        assertEquals(Duration.ofSeconds(90), read("AIOMISC_SHUTDOWN_TIMEOUT", "90").shutdownTimeout());
        assertEquals(Duration.ofMillis(1500), read("AIOMISC_SHUTDOWN_TIMEOUT", "1.5").shutdownTimeout());
    }

    @Test
    void pythonOnlyFormatsMapToOurs() {
        assertEquals(LogFormat.PLAIN, read("AIOMISC_LOG_FORMAT", "stream").logFormat());
        assertEquals(LogFormat.COLOR, read("AIOMISC_LOG_FORMAT", "rich").logFormat());
        assertEquals(LogFormat.COLOR, read("AIOMISC_LOG_FORMAT", "rich_tb").logFormat());
        assertEquals(LogFormat.JSON, read("AIOMISC_LOG_FORMAT", "JSON").logFormat());
        EnvDefaults disabled = read("AIOMISC_LOG_FORMAT", "disabled");
        assertEquals(Boolean.FALSE, disabled.logConfig(), "disabled means no logging set-up");
        assertNull(disabled.logFormat());
    }

    @Test
    void levelsUseAiomiscNames() {
        assertEquals(Level.WARN, read("AIOMISC_LOG_LEVEL", "warning").logLevel());
        assertEquals(Level.ERROR, read("AIOMISC_LOG_LEVEL", "CRITICAL").logLevel());
    }

    @Test
    void noPluginsIsAnyNonEmptyValue() {
        assertTrue(read("AIOMISC_NO_PLUGINS", "0").noPlugins(), "any non-empty value disables plugins, as aiomisc");
        assertFalse(read("AIOMISC_NO_PLUGINS", "").noPlugins(), "an empty value does not");
    }

    @Test
    void unreadableValuesNameTheVariableAndTheValue() {
        assertEquals("AIOMISC_POOL_SIZE must be a whole number >= 1, was '0'",
                assertThrows(IllegalArgumentException.class, () -> read("AIOMISC_POOL_SIZE", "0")).getMessage());
        assertEquals("AIOMISC_LOG_BUFFER must be a whole number >= 1, was 'x'",
                assertThrows(IllegalArgumentException.class, () -> read("AIOMISC_LOG_BUFFER", "x")).getMessage());
        assertEquals("AIOMISC_SHUTDOWN_TIMEOUT must be a number of seconds > 0 (such as 0.5), was 'soon'",
                assertThrows(IllegalArgumentException.class, () -> read("AIOMISC_SHUTDOWN_TIMEOUT", "soon"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("AIOMISC_LOG_FLUSH", "-1"))
                .getMessage().startsWith("AIOMISC_LOG_FLUSH"));
        String level = assertThrows(IllegalArgumentException.class, () -> read("AIOMISC_LOG_LEVEL", "loud"))
                .getMessage();
        assertTrue(level.startsWith("AIOMISC_LOG_LEVEL") && level.contains("'loud'"), level);
        String format = assertThrows(IllegalArgumentException.class, () -> read("AIOMISC_LOG_FORMAT", "xml"))
                .getMessage();
        assertTrue(format.startsWith("AIOMISC_LOG_FORMAT") && format.contains("'xml'"), format);
    }
}
