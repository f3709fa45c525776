package io.aiomisc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples' services reject bad constructor parameters at once, naming the parameter and the value. */
class ServiceParametersTest {
    @Test
    void helloRefusesANullOrBlankName() {
        assertEquals("name must not be null",
                assertThrows(IllegalArgumentException.class, () -> new HelloService(null)).getMessage());
        assertEquals("name must not be blank, was ' '",
                assertThrows(IllegalArgumentException.class, () -> new HelloService(" ")).getMessage());
    }

    @Test
    void requiredParametersAreNamedInTheError() {
        assertEquals("title must not be null",
                assertThrows(IllegalArgumentException.class, () -> new HelloRequiredService("Guido", null))
                        .getMessage());
        assertEquals("name must not be blank, was ''",
                assertThrows(IllegalArgumentException.class, () -> new HelloEmojiService("", "🎩")).getMessage());
    }

    @Test
    void infinityServiceRefusesAnIntervalOrTickCountOutOfRange() {
        assertEquals("interval must be > 0, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> new InfinityService(Duration.ZERO, 3))
                        .getMessage());
        assertEquals("ticks must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new InfinityService(Duration.ofMillis(1), 0))
                        .getMessage());
        assertEquals("interval must not be null",
                assertThrows(IllegalArgumentException.class, () -> new InfinityService(null, 3)).getMessage());
    }
}
