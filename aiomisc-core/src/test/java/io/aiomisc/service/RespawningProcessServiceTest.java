package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aiomisc.Entrypoint;
import io.aiomisc.schedule.FakeScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RespawningProcessServiceTest {

    private final FakeScheduler clock = new FakeScheduler();

    @Test
    void startsTheProcessAgainAfterTheRespawnDelayWithANewPidAndNotAfterStop() throws Exception {
        RespawningProcessService service = new RespawningProcessService(
                ProcessOptions.of("sh", "-c", "exit 0").withName("short-lived"), Duration.ofSeconds(5), clock);
        try (Entrypoint entrypoint = Entrypoints.start(service)) {
            long first = service.pid().getAsLong();
            service.onExit().get(20, TimeUnit.SECONDS);
            assertEquals(1, clock.pending(), "after the exit a respawn is scheduled");
            clock.advance(Duration.ofMillis(4999));
            assertEquals(first, service.pid().getAsLong(), "no respawn before the delay");
            clock.advance(Duration.ofMillis(1));
            long second = service.pid().getAsLong();
            assertNotEquals(first, second, "the respawned process is a new one");
            assertEquals(1, service.respawns());
            service.onExit().get(20, TimeUnit.SECONDS);
            assertEquals(1, clock.pending(), "the second exit schedules the next respawn");
        }
        assertEquals(0, clock.pending(), "the stop cancels the pending respawn");
        clock.advance(Duration.ofHours(1));
        assertEquals(1, service.respawns(), "nothing is respawned after the stop");
    }

    @Test
    void respawnsOnTheSystemSchedulerToo() throws Exception {
        RespawningProcessService service = new RespawningProcessService(
                ProcessOptions.of("sh", "-c", "echo pid=$$").withName("echoer"), Duration.ZERO);
        try (LogQueue log = new LogQueue(); Entrypoint entrypoint = Entrypoints.start(service)) {
            String first = log.awaitMessage("pid=").getFormattedMessage();
            String second = log.awaitMessage("pid=").getFormattedMessage();
            assertNotEquals(first, second, "two runs, two different PIDs");
        }
    }

    @Test
    void aNegativeRespawnDelayIsRejected() {
        assertEquals("respawnDelay must be >= 0, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new RespawningProcessService(ProcessOptions.of("true"), Duration.ofSeconds(-1)))
                .getMessage());
    }
}
