package io.aiomisc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every tutorial example the way {@code scripts/example.sh} does (a child JVM on the module path) and checks
 * what it prints. Every run must end by itself with exit code 0; the stop line of the entrypoint proves that it was
 * stopped gracefully rather than abandoned.
 */
@Timeout(120)
class ExamplesTest {
    private static final Pattern HEX_CHUNK = Pattern.compile("[0-9a-f]{16}");

    @TempDir
    Path dir;

    @Test
    void listsEveryExampleByNameWhenGivenNoName() throws Exception {
        ExampleRun run = ExampleRun.of(dir);
        assertEquals(0, run.exitCode(), run.output());
        for (String name : Examples.ALL.keySet()) {
            assertTrue(run.out().stream().anyMatch(line -> line.startsWith("  " + name + " ")),
                    "the list does not show example " + name + run.output());
        }
    }

    @Test
    void refusesAnUnknownNameAndListsTheKnownOnes() throws Exception {
        ExampleRun run = ExampleRun.of(dir, "no-such-example");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.err().stream().anyMatch(line -> line.contains("'no-such-example'") && line.contains("hello")),
                "the error does not name the unknown example and the known ones" + run.output());
    }

    @Test
    void infinityServiceTicksThreeTimesAndStopsItsEntrypoint() throws Exception {
        ExampleRun run = successful("infinity-service");
        assertEquals(List.of("InfinityService tick 1", "InfinityService tick 2", "InfinityService tick 3"),
                run.out(), run.output());
    }

    @Test
    void ordinaryServiceStartsOnceAndStopsOnce() throws Exception {
        ExampleRun run = successful("ordinary-service");
        assertEquals(List.of("OrdinaryService started", "OrdinaryService stopped"), run.out(), run.output());
    }

    @Test
    void helloGreetsTheDefaultNameAndGuido() throws Exception {
        ExampleRun run = successful("hello");
        assertLinesInAnyOrder(run, "Hello world", "Hello Guido");
    }

    @Test
    void helloRequiredGreetsWithTitleAndRefusesAMissingName() throws Exception {
        ExampleRun run = successful("hello-required");
        assertEquals(List.of("Hello mr. Guido", "without a name: name must not be null"), run.out(), run.output());
    }

    @Test
    void helloInheritanceGreetsThroughTheOverriddenGreeting() throws Exception {
        ExampleRun run = successful("hello-inheritance");
        assertLinesInAnyOrder(run, "Hello mr. Guido", "🙋 🎩 👨");
    }

    @Test
    void entrypointRunsBothServicesUntilTheInfinityServiceStopsIt() throws Exception {
        ExampleRun run = successful("entrypoint");
        assertEntrypointOutput(run);
    }

    @Test
    void entrypointWithExplicitParametersBehavesTheSameAndLogsInColour() throws Exception {
        ExampleRun run = successful("entrypoint-explicit");
        assertEntrypointOutput(run);
        assertTrue(run.err().stream().anyMatch(line -> line.contains("\u001b[")),
                "logFormat(COLOR) wrote no ANSI colour codes" + run.output());
    }

    @Test
    void entrypointWithoutServicesLogsStartedThenExiting() throws Exception {
        ExampleRun run = successful("no-services");
        assertEquals(List.of(), run.out(), run.output());
        assertSleepAndExitLogged(run);
    }

    @Test
    void runStartsTheServicesAroundTheMainBodyAndStopsThemAfterIt() throws Exception {
        ExampleRun run = successful("run");
        assertSleepAndExitLogged(run);
        assertStartedBeforeStopped(run);
        assertTrue(run.out().stream().allMatch(line -> line.startsWith("OrdinaryService ")
                || line.startsWith("InfinityService tick ")), "unexpected output" + run.output());
    }

    @Test
    void threadedReadsOneHundredBytesOnAPoolThread() throws Exception {
        ExampleRun run = successful("threaded");
        assertEquals(2, run.out().size(), run.output());
        assertTrue(run.out().get(0).matches("reading in entrypoint-\\d+-pool-\\d+"),
                "blocking_io did not run on the entrypoint's pool" + run.output());
        assertTrue(run.out().get(1).matches("read 100 bytes: [0-9a-f]{16}\\.\\.\\."),
                "the result is not 100 bytes" + run.output());
    }

    @Test
    void threadedSeparateFindsAHashWithFourLeadingZerosOrGivesUpAtItsBound() throws Exception {
        ExampleRun run = successful("threaded-separate");
        assertEquals(1, run.out().size(), run.output());
        String line = run.out().get(0);
        assertTrue(line.matches("the hash is 0000[0-9a-f]{60}")
                        || line.equals("no hash starting with 0000 in " + ThreadedSeparateExample.MAX_ROUNDS + " rounds"),
                "the miner printed neither a hash nor that it gave up" + run.output());
    }

    @Test
    void threadedIterablePrintsSeventeenChunksOfEightBytes() throws Exception {
        ExampleRun run = successful("threaded-iterable");
        assertEquals(17, run.out().size(), "counter > 16 breaks after the 17th chunk" + run.output());
        assertTrue(run.out().stream().allMatch(line -> HEX_CHUNK.matcher(line).matches()),
                "a chunk is not 8 bytes in hex" + run.output());
    }

    private ExampleRun successful(String name) throws Exception {
        ExampleRun run = ExampleRun.of(dir, name);
        assertEquals(0, run.exitCode(), "example " + name + " failed" + run.output());
        assertTrue(run.err().stream().anyMatch(line -> line.matches(".*entrypoint-\\d+ stopped in \\d+ ms")),
                "example " + name + " did not log its entrypoint's graceful stop" + run.output());
        assertTrue(run.err().stream().noneMatch(line -> line.contains("ERROR") || line.contains("WARN")),
                "example " + name + " logged a warning or an error" + run.output());
        return run;
    }

    private static void assertLinesInAnyOrder(ExampleRun run, String... lines) {
        assertEquals(List.of(lines).stream().sorted().toList(), run.out().stream().sorted().toList(), run.output());
    }

    /** Only what the program guarantees: the services start concurrently, so the first tick may come first. */
    private static void assertEntrypointOutput(ExampleRun run) {
        List<String> ticks = List.of("InfinityService tick 1", "InfinityService tick 2", "InfinityService tick 3");
        assertEquals(ticks, run.out().stream().filter(line -> line.startsWith("InfinityService")).toList(),
                "the infinity service did not tick three times and stop the entrypoint" + run.output());
        assertEquals(5, run.out().size(), run.output());
        assertStartedBeforeStopped(run);
        assertTrue(run.out().indexOf("InfinityService tick 3") < run.out().indexOf("OrdinaryService stopped"),
                "the services were stopped before the third tick" + run.output());
    }

    private static void assertStartedBeforeStopped(ExampleRun run) {
        int started = run.out().indexOf("OrdinaryService started");
        int stopped = run.out().indexOf("OrdinaryService stopped");
        assertTrue(started >= 0 && stopped > started && run.out().lastIndexOf("OrdinaryService stopped") == stopped,
                "OrdinaryService did not start, then stop once" + run.output());
    }

    private static void assertSleepAndExitLogged(ExampleRun run) {
        List<String> started = run.logged("Started");
        List<String> exiting = run.logged("Exiting");
        assertEquals(1, started.size(), "sleep_and_exit did not log Started once" + run.output());
        assertEquals(1, exiting.size(), "sleep_and_exit did not log Exiting once" + run.output());
        assertTrue(run.err().indexOf(started.get(0)) < run.err().indexOf(exiting.get(0)),
                "Exiting was logged before Started" + run.output());
    }
}
