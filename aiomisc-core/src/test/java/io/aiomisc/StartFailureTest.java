package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Service.State;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StartFailureTest {

    @Test
    void stopsTheStartedServicesWithTheCauseAndInterruptsTheStartingOnes() throws Exception {
        Probe started = new Probe("started", -1, Probe.RETURN, Probe.RETURN, null);
        CountDownLatch slowEntered = new CountDownLatch(1);
        Probe slow = new Probe("slow", self -> {
            slowEntered.countDown();
            new CountDownLatch(1).await();
        });
        Probe failing = new Probe("failing", self -> {
            slowEntered.await();
            throw new IllegalStateException("boom");
        });
        EntrypointException failure = assertThrows(EntrypointException.class,
                () -> Probe.quiet().services(started, slow, failing).start());

        assertEquals("boom", failure.getCause().getMessage(), "the cause is the first failure");
        assertSame(failure.getCause(), started.stopCause.get(), "a started service is stopped with the cause");
        assertEquals(State.STOPPED, started.state(), "and ends STOPPED");
        assertTrue(slow.interrupted, "a service still starting is interrupted");
        assertEquals(0, slow.stopCalls.get(), "a service that never finished starting is not stopped");
        assertEquals(State.STOPPED, slow.state(), "an interrupted start ends STOPPED");
        assertEquals(State.FAILED, failing.state(), "the failing service is FAILED");
    }

    @Test
    void laterFailuresAreSuppressedBehindTheFirst() throws Exception {
        CountDownLatch releaseSecond = new CountDownLatch(1);
        Probe first = new Probe("first", self -> {
            throw new IllegalStateException("first failure");
        });
        Probe second = new Probe("second", self -> {
            releaseSecond.await();
            throw new IllegalStateException("second failure");
        });
        Probe leaky = new Probe("leaky", -1, Probe.RETURN, self -> {
            throw new IllegalStateException("stop failure");
        }, null);
        EntrypointException failure = assertThrows(EntrypointException.class, () -> Probe.quiet()
                .services(first, second, leaky)
                .onPreStop(event -> {
                    // Let the second start fail on its own before the rollback stops it.
                    try {
                        second.startEntered.await();
                        releaseSecond.countDown();
                        second.startThread.get().join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .start());
        assertEquals("first failure", failure.getCause().getMessage(), "the first failure is the cause");
        String suppressed = Arrays.toString(Arrays.stream(failure.getSuppressed())
                .map(t -> t.getCause().getMessage()).toArray());
        assertEquals("[second failure, stop failure]", suppressed, "later failures are suppressed, in order");
    }

    @Test
    void theBuilderStartFailsWhenAStartHookFails() {
        Probe probe = new Probe("never");
        RuntimeException hookError = new IllegalStateException("hook says no");
        EntrypointException failure = assertThrows(EntrypointException.class, () -> Probe.quiet().services(probe)
                .onPreStart(event -> {
                    throw hookError;
                }).start());
        assertSame(hookError, failure.getCause(), "a failing PRE_START hook fails the start");
        assertEquals(State.NEW, probe.state(), "no service starts after PRE_START failed");
    }

    @Test
    void aFailingPostStartHookStopsTheStartedServices() {
        Probe probe = new Probe("up");
        RuntimeException hookError = new IllegalStateException("not ready");
        EntrypointException failure = assertThrows(EntrypointException.class, () -> Probe.quiet().services(probe)
                .onPostStart(event -> {
                    throw hookError;
                }).start());
        assertSame(hookError, failure.getCause(), "a failing POST_START hook fails the start");
        assertSame(hookError, probe.stopCause.get(), "the started service is stopped with that cause");
    }

    @Test
    void aStopDuringTheStartInterruptsAndFailsTheStart() throws Exception {
        Probe slow = new Probe("slow", self -> new CountDownLatch(1).await());
        AtomicReference<Entrypoint> seen = new AtomicReference<>();
        Probe stopper = new Probe("stopper", self -> {
            slow.startEntered.await();
            seen.set(self.entrypoint());
            self.entrypoint().stop();
        });
        EntrypointException failure = assertThrows(EntrypointException.class,
                () -> Probe.quiet().services(slow, stopper).start());
        assertTrue(failure.getMessage().contains("was stopped while starting"), failure.getMessage());
        assertTrue(slow.interrupted, "the starting service is interrupted");
        assertEquals(Entrypoint.State.STOPPED, seen.get().state(), "the entrypoint ends STOPPED");
        assertFalse(stopper.stopCalls.get() > 1, "no service is stopped twice");
    }

    @Test
    void startFailureReleasesTheEntrypointResources() {
        Probe failing = new Probe("failing", self -> {
            throw new IllegalStateException("boom");
        });
        AtomicReference<Entrypoint> seen = new AtomicReference<>();
        assertThrows(EntrypointException.class, () -> Probe.quiet().services(failing)
                .onPreStart(event -> seen.set(event.entrypoint())).start());
        Entrypoint entrypoint = seen.get();
        assertTrue(entrypoint.threadPool().isShutdown(), "the pool is shut down after a failed start");
        assertEquals(Entrypoint.State.STOPPED, entrypoint.state(), "the entrypoint is STOPPED");
        assertTrue(Entrypoint.current().isEmpty() || Entrypoint.current().get() != entrypoint,
                "a failed entrypoint is not current any more");
    }
}
