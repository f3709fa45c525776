package io.aiomisc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aiomisc.Entrypoint;
import io.aiomisc.EntrypointException;
import io.aiomisc.Service;
import io.aiomisc.Service.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lifecycle contract every {@link Service} must pass: start, stop, stop without start, double stop, stop
 * during start, failing start, one entrypoint at a time. Extend it once per service type (JCTools'
 * {@code QueueSanityTest} style) and implement {@link #newService()}; override the other hooks where the
 * service has something to show.
 *
 * <p>Published in aiomisc-core's test-jar; depend on it with
 * {@code <artifactId>aiomisc-core</artifactId><type>test-jar</type><scope>test</scope>}.
 *
 * @param <S> the service type
 */
@Timeout(60)
public abstract class ServiceContract<S extends Service> {

    /**
     * Creates a new, never started instance of the service under test; called once or twice per test.
     *
     * @return the service
     * @throws Exception if it cannot be created
     */
    protected abstract S newService() throws Exception;

    /**
     * Creates an instance whose {@code start()} fails (for example a server on a port in use), or null when the
     * service type cannot fail to start; the failing-start test is then skipped.
     *
     * @return the failing service, or null
     * @throws Exception if it cannot be created
     */
    protected S newFailingService() throws Exception {
        return null;
    }

    /**
     * Checks that a started service really works (accepts a connection, answers a request). Default: nothing.
     *
     * @param service the running service
     * @throws Exception when it does not work
     */
    protected void assertWorking(S service) throws Exception {
    }

    /**
     * Checks that a stopped service released what it held (the port is free, no thread left). Default: nothing.
     *
     * @param service the stopped service
     * @throws Exception when something is still held
     */
    protected void assertReleased(S service) throws Exception {
    }

    /**
     * Returns the builder for the entrypoints the contract starts; override to add options (a transport, say).
     *
     * @return a builder that does not touch logging or signals
     */
    protected Entrypoint.Builder entrypoint() {
        return Entrypoint.builder().logConfig(false).catchSignals(false).shutdownTimeout(Duration.ofSeconds(30));
    }

    @Test
    void startsRunsAndStops() throws Exception {
        S service = newService();
        assertEquals(State.NEW, service.state(), "a new service is NEW");
        try (Entrypoint entrypoint = entrypoint().services(service).start()) {
            assertEquals(State.RUNNING, service.state(), "a started service is RUNNING");
            assertSame(entrypoint, service.entrypoint(), "it knows its entrypoint");
            assertWorking(service);
        }
        assertEquals(State.STOPPED, service.state(), "a stopped service is STOPPED");
        assertReleased(service);
    }

    @Test
    void stoppingAServiceThatNeverStartedLeavesItNew() throws Exception {
        S service = newService();
        try (Entrypoint entrypoint = entrypoint().start()) {
            entrypoint.stopServices(service);
        }
        assertEquals(State.NEW, service.state(), "stopping a service that is not running does nothing");
        assumeTrue(service.phase() > Integer.MIN_VALUE, "a failing earlier phase needs a lower phase");
        Failing earlier = new Failing(service.phase() - 1);
        assertThrows(EntrypointException.class, () -> entrypoint().services(earlier, service).start(),
                "an earlier phase fails");
        assertEquals(State.NEW, service.state(), "a service whose phase never came stays NEW and is not stopped");
        try (Entrypoint entrypoint = entrypoint().services(service).start()) {
            assertEquals(State.RUNNING, service.state(), "it can still start afterwards");
        }
        assertEquals(State.STOPPED, service.state());
        assertReleased(service);
    }

    @Test
    void stoppingTwiceIsHarmless() throws Exception {
        S service = newService();
        Entrypoint entrypoint = entrypoint().services(service).start();
        entrypoint.stopServices(service);
        assertEquals(State.STOPPED, service.state(), "stopServices stops it");
        entrypoint.stopServices(service);
        entrypoint.stop();
        entrypoint.stop();
        assertEquals(State.STOPPED, service.state(), "stopping again changes nothing");
        assertReleased(service);
    }

    @Test
    void aStopDuringTheStartEndsTheServiceCleanly() throws Exception {
        S service = newService();
        AtomicReference<Entrypoint> entrypoint = new AtomicReference<>();
        Service stopper = new Stopper(service.phase(), entrypoint);
        EntrypointException failure = assertThrows(EntrypointException.class,
                () -> entrypoint().services(service, stopper).start(), "the start reports that it was stopped");
        assertNotNull(failure.getCause());
        assertEquals(Entrypoint.State.STOPPED, entrypoint.get().state(), "the entrypoint stopped");
        assertEquals(State.STOPPED, service.state(), "the service ends STOPPED wherever the stop found it");
        assertReleased(service);
    }

    @Test
    void aFailingStartFailsTheEntrypointAndStopsTheOthersWithTheCause() throws Exception {
        S failing = newFailingService();
        assumeTrue(failing != null, "this service type has no failing configuration");
        assumeTrue(failing.phase() > Integer.MIN_VALUE, "the witness needs a lower phase");
        Witness witness = new Witness(failing.phase() - 1);
        EntrypointException failure = assertThrows(EntrypointException.class,
                () -> entrypoint().services(witness, failing).start());
        assertNotNull(failure.getCause(), "the start failure is the cause");
        assertEquals(State.FAILED, failing.state(), "the service whose start failed is FAILED");
        assertEquals(1, witness.stops.get(), "a service that had started is stopped once");
        assertSame(failure.getCause(), witness.cause.get(), "with the failure as the cause");
        assertReleased(failing);
    }

    @Test
    void aServiceRunsInOneEntrypointAtATime() throws Exception {
        S service = newService();
        try (Entrypoint entrypoint = entrypoint().services(service).start()) {
            assertThrows(IllegalStateException.class, () -> entrypoint().services(service).start(),
                    "a running service cannot join a second entrypoint");
            assertEquals(State.RUNNING, service.state(), "the attempt leaves it running");
        }
    }

    /** Fails its start. */
    private static final class Failing extends Service {
        private final int phase;

        Failing(int phase) {
            this.phase = phase;
        }

        @Override
        protected void start() {
            throw new IllegalStateException("an earlier phase failed on purpose");
        }

        @Override
        public int phase() {
            return phase;
        }
    }

    /** Asks its entrypoint to stop from inside its start. */
    private static final class Stopper extends Service {
        private final int phase;
        private final AtomicReference<Entrypoint> seen;

        Stopper(int phase, AtomicReference<Entrypoint> seen) {
            this.phase = phase;
            this.seen = seen;
        }

        @Override
        protected void start() {
            seen.set(entrypoint());
            entrypoint().stop();
        }

        @Override
        public int phase() {
            return phase;
        }
    }

    /** Starts first and records how it is stopped. */
    private static final class Witness extends Service {
        private final int phase;
        final AtomicInteger stops = new AtomicInteger();
        final AtomicReference<Throwable> cause = new AtomicReference<>();

        Witness(int phase) {
            this.phase = phase;
        }

        @Override
        protected void start() {
        }

        @Override
        protected void stop(Throwable cause) {
            stops.incrementAndGet();
            this.cause.set(cause);
        }

        @Override
        public int phase() {
            return phase;
        }
    }
}
