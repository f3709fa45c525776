package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.aiomisc.Entrypoint;
import io.aiomisc.schedule.FakeScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MemoryTracerServiceTest {

    private final FakeScheduler clock = new FakeScheduler();
    static volatile byte[] retained;

    @Test
    void logsHeapGcThreadsAndTheTopGrowingPoolsEveryInterval() throws Exception {
        MemoryTracerService tracer = new MemoryTracerService(Duration.ofSeconds(5), 3, clock);
        try (LogQueue log = new LogQueue(); Entrypoint entrypoint = Entrypoints.start(tracer)) {
            clock.advance(Duration.ofMillis(4999));
            assertEquals("", tracer.lastReport(), "no report before the first interval");
            retained = new byte[64 << 20];
            clock.advance(Duration.ofMillis(1));
            String report = tracer.lastReport();
            assertTrue(report.matches("memory: heap used [0-9.]+ MiB of [0-9.]+ MiB committed.*"), report);
            assertTrue(report.contains("; gc:"), report);
            assertTrue(report.matches(".*; threads: \\d+ live \\(\\d+ daemon, peak \\d+, [+-]\\d+\\).*"), report);
            assertTrue(report.matches(".*; top growers: [^;]+ \\+[0-9.]+ MiB.*"),
                    "a 64 MiB array kept between two reports makes a heap pool grow: " + report);
            ILoggingEvent logged = log.awaitMessage("memory: heap used");
            assertEquals(Level.INFO, logged.getLevel());
            assertEquals(MemoryTracerService.class.getName(), logged.getLoggerName());
        } finally {
            retained = null;
        }
    }

    @Test
    void topMustBePositive() {
        assertEquals("top must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> new MemoryTracerService(Duration.ofSeconds(1), 0)).getMessage());
    }
}
