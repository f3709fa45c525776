package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real signals sent to a child JVM with {@code kill}, after it printed READY. */
@Timeout(60)
class SignalChildJvmTest {

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsGracefullyAndMainExitsZero(String signal) throws Exception {
        try (ChildJvm child = ChildJvm.start("graceful", Map.of())) {
            child.awaitReady();
            child.signal(signal);
            int exit = child.awaitExit();
            List<String> out = child.out();
            assertEquals(0, exit, "a graceful SIG" + signal + " stop lets main exit 0:" + child.output());
            assertTrue(out.contains("STOPPED once SIG" + signal), "stop() received the signal as the cause:"
                    + child.output());
            assertTrue(out.contains("STOPPED forever SIG" + signal), "the mode-2 service stopped too:"
                    + child.output());
            assertTrue(out.contains("POST_STOP 2"), "POST_STOP hooks ran:" + child.output());
            assertTrue(out.indexOf("AWAITED") > out.indexOf("POST_STOP 2"), "awaitTermination returned after the stop");
            assertTrue(out.contains("MAIN RETURNS"), "main returned normally" + child.output());
            List<String> err = child.err();
            assertTrue(err.stream().anyMatch(line -> line.contains("record logged by forever during the stop")),
                    "records logged by stop() reach the output:" + child.output());
            assertTrue(err.get(err.size() - 1).matches(".*entrypoint-1 stopped in \\d+ ms.*"),
                    "the last record, written during the stop, is flushed to the output:" + child.output());
        }
    }

    @Test
    void aSecondInterruptDuringTheStopHaltsWith130() throws Exception {
        try (ChildJvm child = ChildJvm.start("second-interrupt", Map.of())) {
            child.awaitReady();
            child.signal("INT");
            child.awaitLine("STOPPING stuck");
            child.signal("INT");
            assertEquals(130, child.awaitExit(), "the second SIGINT halts at once with 130:" + child.output());
        }
    }

    @Test
    void aSignalStopThatOverrunsTheTimeoutHaltsWith70() throws Exception {
        try (ChildJvm child = ChildJvm.start("overrun", Map.of())) {
            child.awaitReady();
            child.signal("TERM");
            assertEquals(70, child.awaitExit(), "an overrunning signal stop exits 70, as aiomisc:" + child.output());
            assertTrue(child.out().contains("POST_STOP 1"), "POST_STOP hooks still ran:" + child.output());
            String err = String.join("\n", child.err());
            assertTrue(err.contains("did not stop within 300 ms"), "the late service is logged:" + child.output());
            assertTrue(err.contains("ChildMain"), "with the stack where it is stuck:" + child.output());
        }
    }

    @Test
    void catchSignalsFalseLeavesSignalsToTheJvm() throws Exception {
        try (ChildJvm child = ChildJvm.start("no-catch", Map.of())) {
            child.awaitReady();
            child.signal("INT");
            assertEquals(130, child.awaitExit(), "the JVM's default SIGINT handling applies:" + child.output());
            assertFalse(String.join("\n", child.out()).contains("STOPPED"), "the entrypoint did not stop on it:"
                    + child.output());
        }
    }

    @Test
    void aProgrammaticStopNeverExitsTheJvmAndRestoresTheHandlers() throws Exception {
        try (ChildJvm child = ChildJvm.start("restore", Map.of())) {
            child.awaitReady();
            assertTrue(child.out().contains("CLOSE REPORTED TimeoutException"),
                    "an overrunning programmatic stop is reported, and the JVM lives on:" + child.output());
            child.signal("TERM");
            assertEquals(143, child.awaitExit(), "after close SIGTERM gets the JVM's default handling again:"
                    + child.output());
        }
    }
}
