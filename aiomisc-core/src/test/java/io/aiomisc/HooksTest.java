package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HooksTest {

    @Test
    void hooksFireAroundTheServicesWithTheEntrypointAndAllServices() {
        List<String> journal = new CopyOnWriteArrayList<>();
        List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
        Probe a = new Probe("a", 0, Probe.RETURN, Probe.RETURN, journal);
        Probe b = new Probe("b", 0, Probe.RETURN, Probe.RETURN, journal);
        Entrypoint entrypoint = Probe.quiet().services(a, b)
                .onPreStart(record("PRE_START", journal, events))
                .onPostStart(record("POST_START", journal, events))
                .onPreStop(record("PRE_STOP", journal, events))
                .onPostStop(record("POST_STOP", journal, events))
                .start();
        entrypoint.close();
        assertEquals("PRE_START", journal.get(0));
        assertEquals("POST_START", journal.get(3), "POST_START comes after both starts");
        assertEquals("PRE_STOP", journal.get(4));
        assertEquals("POST_STOP", journal.get(7), "POST_STOP comes after both stops");
        for (LifecycleEvent event : events) {
            assertSame(entrypoint, event.entrypoint(), "every hook receives the entrypoint");
            assertEquals(List.of(a, b), event.services(), "and every service");
        }
    }

    @Test
    void processWideReceiversRunBeforeTheEntrypointsOwn() {
        List<String> order = new CopyOnWriteArrayList<>();
        Consumer<LifecycleEvent> global = event -> order.add("global");
        Entrypoint.PRE_START.connect(global);
        try {
            Probe.quiet().onPreStart(event -> order.add("own")).start().close();
        } finally {
            Entrypoint.PRE_START.disconnect(global);
        }
        assertEquals(List.of("global", "own"), order, "process-wide receivers, then the entrypoint's own");
    }

    @Test
    void eachBuilderCopiesTheProcessWideSignalsWhenItIsCreated() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Entrypoint.Builder before = Probe.quiet();
        Consumer<LifecycleEvent> late = event -> seen.add("late receiver ran");
        Entrypoint.POST_START.connect(late);
        try {
            before.start().close();
            assertTrue(seen.isEmpty(), "a receiver connected after the builder was created does not apply to it");
            Probe.quiet().start().close();
            Probe.quiet().start().close();
            assertEquals(2, seen.size(), "later entrypoints in the same JVM get it, every time");
            assertTrue(!Entrypoint.POST_START.isFrozen(), "the process-wide signal itself never freezes");
        } finally {
            Entrypoint.POST_START.disconnect(late);
        }
    }

    @Test
    void hooksFireWithTheSubsetForServicesStartedAndStoppedAtRunTime() {
        List<List<Service>> subsets = new CopyOnWriteArrayList<>();
        Probe base = new Probe("base");
        Probe extra = new Probe("extra");
        try (Entrypoint entrypoint = Probe.quiet().services(base)
                .onPreStart(event -> subsets.add(event.services()))
                .onPostStart(event -> subsets.add(event.services()))
                .onPreStop(event -> subsets.add(event.services()))
                .onPostStop(event -> subsets.add(event.services()))
                .start()) {
            subsets.clear();
            entrypoint.startServices(extra);
            assertEquals(Service.State.RUNNING, extra.state(), "startServices starts the service");
            assertEquals(List.of(base, extra), entrypoint.services(), "and lists it");
            entrypoint.stopServices(extra);
            assertEquals(Service.State.STOPPED, extra.state(), "stopServices stops it");
            assertEquals(List.of(base), entrypoint.services(), "and removes it");
            assertEquals(List.of(List.of(extra), List.of(extra), List.of(extra), List.of(extra)), subsets,
                    "all four hooks receive exactly the subset");
            entrypoint.stopServices(extra);
            assertEquals(1, extra.stopCalls.get(), "stopping it again does nothing");
            assertEquals(Service.State.RUNNING, base.state(), "the other services keep running");
        }
    }

    @Test
    void aFailingRunTimeStartRollsBackOnlyThatSubset() {
        Probe base = new Probe("base");
        Probe good = new Probe("good");
        Probe bad = new Probe("bad", self -> {
            throw new IllegalStateException("bad start");
        });
        try (Entrypoint entrypoint = Probe.quiet().services(base).start()) {
            EntrypointException failure = assertThrows(EntrypointException.class,
                    () -> entrypoint.startServices(good, bad));
            assertEquals("bad start", failure.getCause().getMessage());
            assertEquals(Service.State.RUNNING, base.state(), "the entrypoint keeps running");
            assertEquals(List.of(base), entrypoint.services(), "the failed subset is gone");
            assertTrue(good.state() == Service.State.STOPPED || good.state() == Service.State.NEW,
                    "a service of the subset that started is stopped again: " + good);
        }
    }

    @Test
    void aFailingStopHookIsReportedAndTheStopGoesOn() {
        Probe probe = new Probe("svc");
        RuntimeException hookError = new IllegalStateException("pre-stop failed");
        List<String> after = new CopyOnWriteArrayList<>();
        Entrypoint entrypoint = Probe.quiet().services(probe)
                .onPreStop(event -> {
                    throw hookError;
                })
                .onPostStop(event -> after.add("post-stop ran"))
                .start();
        EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::stop);
        assertSame(hookError, failure.getCause(), "a failing PRE_STOP hook is reported like a failing service");
        assertEquals(Service.State.STOPPED, probe.state(), "the services still stop");
        assertEquals(List.of("post-stop ran"), after, "and POST_STOP still runs");
    }

    @Test
    void signalsRunReceiversInOrderAndFreeze() {
        Signal<String> signal = new Signal<>();
        List<String> got = new ArrayList<>();
        signal.connect(value -> got.add("1:" + value));
        signal.connect(value -> {
            throw new IllegalStateException("receiver 2");
        });
        signal.connect(value -> got.add("3:" + value));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> signal.call("x"));
        assertEquals("receiver 2", error.getMessage(), "the first receiver failure is rethrown");
        assertEquals(List.of("1:x", "3:x"), got, "a failing receiver does not stop the others");
        Signal<String> copy = signal.copy();
        signal.freeze();
        assertThrows(IllegalStateException.class, () -> signal.connect(value -> { }), "a frozen signal refuses");
        copy.connect(value -> { });
        assertEquals(4, copy.receivers().size(), "a copy is unfrozen and independent");
    }

    private static Consumer<LifecycleEvent> record(String name, List<String> journal, List<LifecycleEvent> events) {
        return event -> {
            journal.add(name);
            events.add(event);
        };
    }
}
