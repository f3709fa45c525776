package io.aiomisc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.threads.Threaded;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RunAndStopTest {

    @Test
    void runReturnsTheResultAndStopsTheServicesAfterwards() throws Exception {
        Probe probe = new Probe("svc");
        String result = Probe.quiet().services(probe).run(() -> {
            assertEquals(Service.State.RUNNING, probe.state(), "services run while main runs");
            return "done";
        });
        assertEquals("done", result, "run returns what main returned");
        assertEquals(Service.State.STOPPED, probe.state(), "services are stopped after main");
        assertNull(probe.stopCause.get(), "a normal end passes no cause");
    }

    @Test
    void runRethrowsTheMainExceptionAndStopsTheServicesWithIt() {
        Probe probe = new Probe("svc");
        IOException boom = new IOException("main failed");
        IOException thrown = assertThrows(IOException.class, () -> Probe.quiet().services(probe).run(() -> {
            throw boom;
        }));
        assertSame(boom, thrown, "main's own exception is rethrown");
        assertSame(boom, probe.stopCause.get(), "and handed to stop() as the cause, as aiomisc does");
        assertEquals(Service.State.STOPPED, probe.state(), "services are stopped after a failed main");
    }

    @Test
    void runUntilCompleteDoesNotStopTheEntrypoint() throws Exception {
        Probe probe = new Probe("svc");
        try (Entrypoint entrypoint = Probe.quiet().services(probe).start()) {
            assertEquals(1, entrypoint.runUntilComplete(() -> 1));
            assertThrows(IOException.class, () -> entrypoint.runUntilComplete(() -> {
                throw new IOException("main failed");
            }), "main's exception is rethrown");
            assertEquals(Entrypoint.State.RUNNING, entrypoint.state(), "the entrypoint keeps running");
        }
        assertEquals(Service.State.STOPPED, probe.state());
    }

    @Test
    void mainSeesItsEntrypointAndPool() throws Exception {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            entrypoint.runUntilComplete(() -> {
                assertSame(entrypoint, Entrypoint.current().orElseThrow(), "main's entrypoint is current");
                assertSame(entrypoint.threadPool(), Threaded.defaultPool(), "main's default pool is the entrypoint's");
                return null;
            });
        }
    }

    @Test
    void servicesAndPooledTasksSeeTheirEntrypointAndPool() throws Exception {
        AtomicReference<Entrypoint> seenByService = new AtomicReference<>();
        AtomicReference<Object> poolSeenByService = new AtomicReference<>();
        AtomicReference<Entrypoint> seenByTask = new AtomicReference<>();
        Probe probe = new Probe("svc", self -> {
            seenByService.set(Entrypoint.current().orElseThrow());
            poolSeenByService.set(Threaded.defaultPool());
            seenByTask.set(Threaded.call(() -> Entrypoint.current().orElseThrow()).get());
        });
        // Another live entrypoint, so "the only running one" cannot answer for the binding.
        try (Entrypoint other = Probe.quiet().start(); Entrypoint entrypoint = Probe.quiet().services(probe).start()) {
            assertSame(entrypoint, seenByService.get(), "a service's entrypoint is current in its thread");
            assertSame(entrypoint.threadPool(), poolSeenByService.get(), "a service's default pool is its entrypoint's");
            assertSame(entrypoint, seenByTask.get(), "a pooled task sees the entrypoint of its pool");
            assertTrue(Entrypoint.current().isEmpty(), "with two live entrypoints, an unbound thread has none");
        }
    }

    @Test
    void theOnlyLiveEntrypointIsCurrentEverywhere() {
        try (Entrypoint entrypoint = Probe.quiet().start()) {
            assertSame(entrypoint, Entrypoint.current().orElseThrow(), "the only live entrypoint is current");
        }
        assertTrue(Entrypoint.current().isEmpty(), "a stopped entrypoint is not current");
    }

    @Test
    void stopIsIdempotentAndCloseAfterStopIsQuiet() {
        Probe probe = new Probe("svc");
        Entrypoint entrypoint = Probe.quiet().services(probe).start();
        entrypoint.stop();
        entrypoint.stop();
        entrypoint.close();
        assertEquals(1, probe.stopCalls.get(), "stop() runs once however often the entrypoint is stopped");
        assertEquals(Entrypoint.State.STOPPED, entrypoint.state());
        assertTrue(entrypoint.services().isEmpty(), "no service is listed after the stop");
    }

    @Test
    void aFailingStopIsReportedOnceAndDoesNotDelayTheOthers() {
        CountDownLatch neverReleased = new CountDownLatch(1);
        Probe failing = new Probe("failing", Probe.RETURN, self -> {
            throw new IllegalStateException("stop failed");
        });
        Probe waitsForNothing = new Probe("fine");
        // A 60 s timeout: a stop that waited it out would hit the test's @Timeout.
        Entrypoint entrypoint = Probe.quiet().shutdownTimeout(Duration.ofSeconds(60))
                .services(failing, waitsForNothing).start();
        try (LogCapture logs = new LogCapture()) {
            EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::stop);
            assertEquals("stop failed", failure.getCause().getMessage(), "the stop failure is the cause");
            assertTrue(logs.messages().stream().anyMatch(m -> m.startsWith("ERROR failing") && m.contains("failed to stop")),
                    "the failing stop is logged: " + logs.messages());
        }
        assertEquals(Service.State.STOPPED, waitsForNothing.state(), "the other services still stop");
        entrypoint.close();
        assertEquals(1, neverReleased.getCount(), "nothing waited on the latch");
    }

    @Test
    void stopFromAPooledTaskOnlyStartsTheStopWhichThenCompletesInTime() throws Exception {
        Entrypoint entrypoint = Probe.quiet().shutdownTimeout(Duration.ofSeconds(10)).start();
        // Waiting there would wait for the pool, that task's own thread included, until the shutdown timeout.
        entrypoint.threadPool().call(() -> {
            entrypoint.stop();
            return null;
        }).get(20, TimeUnit.SECONDS);
        entrypoint.awaitTermination();
        assertEquals(Entrypoint.State.STOPPED, entrypoint.state());
        assertDoesNotThrow(entrypoint::close, "the stop must not have overrun the shutdown timeout");
    }

    /** A service whose stop waits for the test's go. */
    static final class SlowToStop extends Service {
        final CountDownLatch stopping = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean stopped;

        @Override
        protected void start() {
        }

        @Override
        protected void stop(Throwable cause) throws InterruptedException {
            stopping.countDown();
            release.await();
            stopped = true;
        }
    }

    @Test
    void theEntrypointsStopWaitsForAServiceThatStopServicesIsStillStopping() throws Exception {
        SlowToStop slow = new SlowToStop();
        CountDownLatch preStops = new CountDownLatch(2); // stopServices' own, then the entrypoint's
        Entrypoint entrypoint = Probe.quiet().services(slow).onPreStop(event -> preStops.countDown()).start();
        Thread stoppingOne = Thread.ofVirtual().start(() -> entrypoint.stopServices(slow));
        assertTrue(slow.stopping.await(10, TimeUnit.SECONDS));
        CountDownLatch stopReturned = new CountDownLatch(1);
        Thread stoppingAll = Thread.ofVirtual().start(() -> {
            entrypoint.stop();
            stopReturned.countDown();
        });
        assertTrue(preStops.await(10, TimeUnit.SECONDS), "the entrypoint's stop began");
        assertFalse(stopReturned.await(300, TimeUnit.MILLISECONDS),
                "the entrypoint must not close its pool and context under a service that is still stopping");
        slow.release.countDown();
        assertTrue(stopReturned.await(10, TimeUnit.SECONDS));
        assertTrue(slow.stopped, "the service's stop ran to its end before the entrypoint's stop returned");
        stoppingOne.join();
        stoppingAll.join();
        assertEquals(Entrypoint.State.STOPPED, entrypoint.state());
    }

    @Test
    void stopFromInsideAServiceDoesNotDeadlock() throws Exception {
        CountDownLatch stopNow = new CountDownLatch(1);
        Probe self = new Probe("self-stopping", me -> {
            me.signalStarted();
            stopNow.await();
            me.entrypoint().stop();
        });
        Entrypoint entrypoint = Probe.quiet().services(self).start();
        stopNow.countDown();
        entrypoint.awaitTermination();
        assertEquals(Entrypoint.State.STOPPED, entrypoint.state(), "the stop requested by a service completes");
        assertEquals(1, self.stopCalls.get(), "and stops that service too");
    }

    @Test
    void anotherThreadStoppingTheEntrypointInterruptsMain() throws Exception {
        Entrypoint entrypoint = Probe.quiet().start();
        CountDownLatch mainRunning = new CountDownLatch(1);
        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                mainRunning.await();
            } catch (InterruptedException e) {
                return;
            }
            entrypoint.stop();
        });
        EntrypointException failure = assertThrows(EntrypointException.class, () -> entrypoint.runUntilComplete(() -> {
            mainRunning.countDown();
            new CountDownLatch(1).await();
            return null;
        }));
        assertInstanceOf(CancellationException.class, failure.getCause(), "a plain stop cancels main");
        assertInstanceOf(InterruptedException.class, failure.getSuppressed()[0], "main's own exception is kept");
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt does not leak out of runUntilComplete");
        stopper.join();
    }

    @Test
    void aProgrammaticStopThatOverrunsReturnsWithoutExitingTheJvm() {
        Probe hanging = new Probe("hanging", Probe.RETURN, self -> {
            while (true) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ignored) {
                    // overruns on purpose
                }
            }
        });
        Entrypoint entrypoint = Probe.quiet().shutdownTimeout(Duration.ofMillis(100)).services(hanging).start();
        EntrypointException failure = assertThrows(EntrypointException.class, entrypoint::close);
        assertTrue(failure.getMessage().contains("hanging"), "the late service is named: " + failure.getMessage());
        assertEquals(Entrypoint.State.STOPPED, entrypoint.state(), "the stop finished; the JVM is still here");
    }

    @Test
    void runUntilCompleteOnAStoppedEntrypointIsAnError() {
        Entrypoint entrypoint = Probe.quiet().start();
        entrypoint.close();
        assertThrows(IllegalStateException.class, () -> entrypoint.runUntilComplete(() -> 1));
    }
}
