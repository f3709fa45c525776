package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Service.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ServiceLifecycleTest {

    @Test
    void aServiceWhoseStartReturnsIsRunningAndStopsOnceWithoutCause() {
        Probe probe = new Probe("plain");
        assertEquals(State.NEW, probe.state(), "a new service is NEW");
        try (Entrypoint entrypoint = Probe.quiet().services(probe).start()) {
            assertEquals(List.of(State.STARTING), probe.seenInStart, "start() sees STARTING");
            assertEquals(State.RUNNING, probe.state(), "after start() returned the service is RUNNING");
            assertSame(entrypoint, probe.entrypoint(), "the service knows its entrypoint");
        }
        assertEquals(1, probe.stopCalls.get(), "stop() is called exactly once");
        assertNull(probe.stopCause.get(), "a normal stop passes no cause");
        assertEquals(List.of(State.STOPPING), probe.seenInStop, "stop() sees STOPPING");
        assertEquals(State.STOPPED, probe.state(), "after the stop the service is STOPPED");
    }

    @Test
    void aServiceThatSignalsStartedKeepsRunningAndIsInterruptedOnStop() throws Exception {
        Probe probe = new Probe("forever", Probe.RUN_UNTIL_INTERRUPTED);
        try (Entrypoint entrypoint = Probe.quiet().services(probe).start()) {
            assertEquals(State.RUNNING, probe.state(), "started() makes the service RUNNING while start() runs");
            assertTrue(probe.startThread.get().isAlive(), "start() is still running");
            assertTrue(probe.startThread.get().isVirtual(), "start() runs on a virtual thread");
        }
        assertTrue(probe.interrupted, "stopping a mode-2 service interrupts its start thread");
        assertEquals(1, probe.stopCalls.get(), "stop() is still called once for a mode-2 service");
        assertEquals(State.STOPPED, probe.state(), "an interrupted mode-2 service ends STOPPED, not FAILED");
    }

    @Test
    void aModeTwoServiceWhoseStartReturnsLaterStaysRunningUntilStopped() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        Probe probe = new Probe("finite", self -> {
            self.signalStarted();
            finish.await();
        });
        try (Entrypoint entrypoint = Probe.quiet().services(probe).start()) {
            finish.countDown();
            probe.startThread.get().join();
            assertEquals(State.RUNNING, probe.state(), "the end of a mode-2 start() leaves the service RUNNING");
            assertEquals(Entrypoint.State.RUNNING, entrypoint.state(), "and the entrypoint running");
        }
        assertEquals(1, probe.stopCalls.get(), "it is stopped like any other service");
    }

    @Test
    void aServiceWhoseStartThrowsIsFailedAndNotStopped() {
        Probe probe = new Probe("broken", self -> {
            throw new IllegalStateException("no database");
        });
        EntrypointException failure = assertThrows(EntrypointException.class,
                () -> Probe.quiet().services(probe).start());
        assertEquals("no database", failure.getCause().getMessage(), "the cause is the start failure");
        assertEquals(State.FAILED, probe.state(), "a service whose start threw is FAILED");
        assertEquals(0, probe.stopCalls.get(), "stop() is not called on a service that never started");
    }

    @Test
    void aServiceWhoseStopThrowsIsFailed() {
        Probe probe = new Probe("leaky", Probe.RETURN, self -> {
            throw new IllegalStateException("cannot close");
        });
        Entrypoint entrypoint = Probe.quiet().services(probe).start();
        EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::stop);
        assertEquals("cannot close", failure.getCause().getMessage(), "stop() reports the stop failure");
        assertEquals(State.FAILED, probe.state(), "a service whose stop threw is FAILED");
        entrypoint.close();
    }

    @Test
    void aServiceCannotJoinASecondRunningEntrypoint() {
        Probe probe = new Probe("shared");
        try (Entrypoint first = Probe.quiet().services(probe).start()) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> Probe.quiet().services(probe).start());
            assertTrue(error.getMessage().contains("shared[RUNNING] already belongs to " + first),
                    "the error names the service and its entrypoint: " + error.getMessage());
            assertEquals(State.RUNNING, probe.state(), "the failed attempt does not disturb the service");
        }
    }

    @Test
    void aStoppedServiceMayJoinANewEntrypoint() {
        Probe probe = new Probe("reused");
        Probe.quiet().services(probe).start().close();
        try (Entrypoint second = Probe.quiet().services(probe).start()) {
            assertEquals(State.RUNNING, probe.state(), "the service runs again in the new entrypoint");
            assertSame(second, probe.entrypoint(), "and belongs to it");
        }
        assertEquals(2, probe.stopCalls.get(), "each run ends with one stop");
    }

    @Test
    void aModeTwoServiceThatIgnoresInterruptionIsAbandonedAfterTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Probe stubborn = new Probe("stubborn", self -> {
            self.signalStarted();
            while (true) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // ignores interruption on purpose
                }
            }
        });
        Probe polite = new Probe("polite");
        try (LogCapture logs = new LogCapture()) {
            Entrypoint entrypoint = Probe.quiet().shutdownTimeout(Duration.ofMillis(200))
                    .services(stubborn, polite).start();
            EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::stop);
            assertInstanceOf(TimeoutException.class, failure.getCause(), "the overrun is reported");
            assertTrue(failure.getCause().getMessage().contains("stubborn"), failure.getCause().getMessage());
            assertEquals(Entrypoint.State.STOPPED, entrypoint.state(), "the entrypoint finishes its stop anyway");
            assertEquals(State.FAILED, stubborn.state(), "the abandoned service is FAILED");
            assertEquals(State.STOPPED, polite.state(), "the others stop normally");
            boolean stackLogged = logs.throwables().stream().anyMatch(t -> t.getMessage().contains("stubborn")
                    && t.getStackTraceElementProxyArray().length > 0
                    && java.util.Arrays.stream(t.getStackTraceElementProxyArray())
                            .anyMatch(frame -> frame.getSTEAsString().contains("ServiceLifecycleTest")));
            assertTrue(stackLogged, "the stack trace where the service is stuck is logged: " + logs.messages());
        }
    }

    @Test
    void aModeTwoServiceThatCrashesLaterStopsTheWholeEntrypointWithItsError() throws Exception {
        CountDownLatch crash = new CountDownLatch(1);
        Probe crashing = new Probe("crashing", self -> {
            self.signalStarted();
            crash.await();
            throw new IllegalStateException("lost connection");
        });
        Probe other = new Probe("other");
        Entrypoint entrypoint = Probe.quiet().services(crashing, other).start();
        crash.countDown();
        EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::awaitTermination);
        assertEquals("lost connection", failure.getCause().getMessage(), "awaitTermination throws the crash");
        assertSame(failure.getCause(), other.stopCause.get(), "the other services stop with the crash as cause");
        assertEquals(State.FAILED, crashing.state(), "the crashed service ends FAILED");
        assertEquals(1, crashing.stopCalls.get(), "the crashed service is stopped once too");
        entrypoint.close();
    }

    @Test
    void startedOutsideAnEntrypointIsAnError() {
        Probe probe = new Probe("loose");
        IllegalStateException error = assertThrows(IllegalStateException.class, probe::signalStarted);
        assertTrue(error.getMessage().contains("has not joined an entrypoint"), error.getMessage());
        assertThrows(IllegalStateException.class, probe::context, "context() needs an entrypoint");
    }

    @Test
    void theDefaultNameIsTheSimpleClassNameAndTheDefaultPhaseZero() {
        Service service = new Service() {
            @Override
            protected void start() {
            }
        };
        assertEquals(ServiceLifecycleTest.class.getName() + "$1", service.name(),
                "an anonymous class falls back to its full name");
        assertEquals(0, service.phase(), "the default phase is 0");
        assertEquals(service.name() + "[NEW]", service.toString(), "toString shows name and state");
    }
}
