package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConcurrencyAndPhasesTest {

    @Test
    void servicesStartConcurrently() {
        // Each start() waits for all the others: only possible if they all run at once.
        int count = 64;
        CyclicBarrier barrier = new CyclicBarrier(count);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            probes.add(new Probe("barrier-" + i, self -> barrier.await()));
        }
        try (Entrypoint entrypoint = Probe.quiet().services(probes.toArray(Service[]::new)).start()) {
            assertEquals(count, entrypoint.services().size(), "every service started");
        }
    }

    @Test
    void servicesStopConcurrently() {
        int count = 16;
        CyclicBarrier barrier = new CyclicBarrier(count);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            probes.add(new Probe("barrier-" + i, Probe.RETURN, self -> barrier.await()));
        }
        Probe.quiet().services(probes.toArray(Service[]::new)).start().close();
        probes.forEach(probe -> assertEquals(Service.State.STOPPED, probe.state(), probe + " stopped"));
    }

    @Test
    void lowerPhasesStartFirstAndStopLast() {
        List<String> journal = new CopyOnWriteArrayList<>();
        CyclicBarrier phaseOne = new CyclicBarrier(2);
        Probe database = new Probe("database", -10, Probe.RETURN, Probe.RETURN, journal);
        Probe httpA = new Probe("httpA", 0, self -> phaseOne.await(), Probe.RETURN, journal);
        Probe httpB = new Probe("httpB", 0, self -> phaseOne.await(), Probe.RETURN, journal);
        Probe metrics = new Probe("metrics", 5, Probe.RETURN, Probe.RETURN, journal);
        Probe.quiet().services(metrics, httpA, database, httpB).start().close();

        assertEquals("start database", journal.get(0), "phase -10 starts first");
        assertEquals(List.of("start httpA", "start httpB"), sorted(journal.subList(1, 3)),
                "phase 0 starts next, concurrently (they met at a barrier)");
        assertEquals("start metrics", journal.get(3), "phase 5 starts last");
        assertEquals("stop metrics", journal.get(4), "the highest phase stops first");
        assertEquals(List.of("stop httpA", "stop httpB"), sorted(journal.subList(5, 7)), "then phase 0");
        assertEquals("stop database", journal.get(7), "the lowest phase stops last");
    }

    @Test
    void aFailureInAPhaseKeepsLaterPhasesFromStarting() {
        Probe early = new Probe("early", -1, self -> {
            throw new IllegalStateException("early failure");
        }, Probe.RETURN, null);
        Probe late = new Probe("late", 1, Probe.RETURN, Probe.RETURN, null);
        try {
            Probe.quiet().services(early, late).start();
        } catch (EntrypointException expected) {
            assertEquals("early failure", expected.getCause().getMessage());
        }
        assertEquals(Service.State.NEW, late.state(), "a later phase never starts after a failure");
        assertEquals(0, late.stopCalls.get(), "and is not stopped");
    }

    @Test
    void anIdleEntrypointStartsAndStops() {
        try (LogCapture logs = new LogCapture()) {
            Entrypoint entrypoint = Probe.quiet().start();
            assertEquals(Entrypoint.State.RUNNING, entrypoint.state());
            entrypoint.stop();
            List<String> messages = logs.messages();
            String last = messages.get(messages.size() - 1);
            assertTrue(last.matches("INFO " + entrypoint.id() + " stopped in \\d+ ms"),
                    "the last line logged is the stop time: " + last);
        }
    }

    private static List<String> sorted(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        Collections.sort(copy);
        return copy;
    }
}
