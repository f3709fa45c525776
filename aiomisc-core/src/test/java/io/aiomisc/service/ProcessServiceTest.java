package io.aiomisc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.aiomisc.Entrypoint;
import io.aiomisc.EntrypointException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessServiceTest {

    private static final String LOGGER = "io.aiomisc.service.ProcessService.";

    @Test
    void pipesStdoutAndStderrLinesToTheLogUnderTheProcessName() throws Exception {
        ProcessService service = new ProcessService(ProcessOptions.of("sh", "-c", "echo hello; echo oops >&2")
                .withName("greeter"));
        try (LogQueue log = new LogQueue(); Entrypoint entrypoint = Entrypoints.start(service)) {
            ILoggingEvent out = log.await(e -> e.getFormattedMessage().equals("hello"), "'hello'");
            assertEquals(LOGGER + "greeter", out.getLoggerName(), "stdout goes to the process's own logger");
            assertEquals(Level.INFO, out.getLevel());
            ILoggingEvent err = log.await(e -> e.getFormattedMessage().equals("oops"), "'oops'");
            assertEquals(LOGGER + "greeter", err.getLoggerName());
            assertEquals(Level.WARN, err.getLevel(), "stderr lines are warnings");
            assertEquals(0, service.onExit().get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void passesTheEnvironmentAndWorkingDirectory(@TempDir Path dir) throws Exception {
        ProcessService service = new ProcessService(ProcessOptions.of("sh", "-c", "echo \"$GREETING from $(pwd -P)\"")
                .withEnvironment(Map.of("GREETING", "hi"))
                .withWorkingDirectory(dir));
        try (LogQueue log = new LogQueue(); Entrypoint entrypoint = Entrypoints.start(service)) {
            log.awaitMessage("hi from " + dir.toRealPath());
        }
    }

    @Test
    void logsTheExitCodeOfAProcessThatExitsOnItsOwn() throws Exception {
        ProcessService service = new ProcessService(ProcessOptions.of("sh", "-c", "exit 3").withName("three"));
        try (LogQueue log = new LogQueue(); Entrypoint entrypoint = Entrypoints.start(service)) {
            assertEquals(3, service.onExit().get(20, TimeUnit.SECONDS));
            ILoggingEvent exit = log.awaitMessage("exited with code 3");
            assertEquals(Level.WARN, exit.getLevel(), "an unexpected non-zero exit is a warning");
            assertTrue(exit.getFormattedMessage().contains("pid " + service.pid().getAsLong()), exit.getFormattedMessage());
        }
    }

    @Test
    void stopSendsSigtermAndTheProcessExitsOnItsTerms() throws Exception {
        ProcessService service = new ProcessService(ProcessOptions.of("sh", "-c",
                "trap 'echo got TERM; kill $!; exit 0' TERM; echo ready; sleep 60 & wait").withName("polite"));
        try (LogQueue log = new LogQueue()) {
            Entrypoint entrypoint = Entrypoints.start(service);
            log.awaitLine("ready");
            long pid = service.pid().getAsLong();
            entrypoint.close();
            log.awaitMessage("got TERM");
            assertEquals(0, service.onExit().getNow(-1), "the stop returns after the process exited");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process is gone");
            assertFalse(log.messages().stream().anyMatch(m -> m.contains("killing")), "no kill was needed");
        }
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermAfterTheKillTimeout() throws Exception {
        ProcessService service = new ProcessService(ProcessOptions.of("sh", "-c",
                "trap '' TERM; echo ready; exec sleep 60").withName("stubborn")
                .withKillTimeout(Duration.ofMillis(300)));
        try (LogQueue log = new LogQueue()) {
            Entrypoint entrypoint = Entrypoints.start(service);
            log.awaitLine("ready");
            long pid = service.pid().getAsLong();
            entrypoint.close();
            assertEquals(137, service.onExit().getNow(-1), "killed by SIGKILL: 128 + 9");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process is gone");
            ILoggingEvent warning = log.awaitMessage("did not exit within PT0.3S of SIGTERM; killing it");
            assertEquals(Level.WARN, warning.getLevel());
            log.awaitMessage("exited with code 137");
        }
    }

    @Test
    void aCommandThatCannotStartFailsTheStart(@TempDir Path dir) {
        ProcessService service = new ProcessService(dir.resolve("no-such-program").toString());
        EntrypointException e = assertThrows(EntrypointException.class, () -> Entrypoints.start(service));
        assertInstanceOf(IOException.class, e.getCause(), "the cause says why the process did not start");
    }

    @Test
    void optionsAreValidatedEagerly() {
        assertEquals("command must not be empty",
                assertThrows(IllegalArgumentException.class, () -> ProcessOptions.of()).getMessage());
        assertEquals("killTimeout must be > 0, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> ProcessOptions.of("true").withKillTimeout(Duration.ZERO)).getMessage());
        assertEquals("name must not be blank, was ' '", assertThrows(IllegalArgumentException.class,
                () -> ProcessOptions.of("true").withName(" ")).getMessage());
        assertEquals("sleep", ProcessOptions.of("/bin/sleep", "1").name(), "the default name is the program's");
        assertEquals(ProcessOptions.DEFAULT_KILL_TIMEOUT, Duration.ofSeconds(3));
    }
}
