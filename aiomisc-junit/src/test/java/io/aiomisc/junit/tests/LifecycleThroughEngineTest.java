package io.aiomisc.junit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Entrypoint;
import io.aiomisc.EntrypointException;
import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Services;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small {@link AiomiscTest} classes with JUnit's engine test kit, to see what a user would see in their test
 * report: when services start and stop, and how start and stop failures fail the tests.
 */
@Timeout(60)
class LifecycleThroughEngineTest {
    static final List<RecordingService> SERVICES = new CopyOnWriteArrayList<>();
    static final List<Entrypoint> ENTRYPOINTS = new CopyOnWriteArrayList<>();
    static final AtomicBoolean BODY_RAN = new AtomicBoolean();

    @BeforeEach
    void clear() {
        SERVICES.clear();
        ENTRYPOINTS.clear();
        BODY_RAN.set(false);
    }

    @Test
    void aFreshEntrypointStartsBeforeEachTestAndStopsAfterIt() {
        run(PerTest.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(2, SERVICES.size(), "each test should get services of its own");
        for (RecordingService service : SERVICES) {
            assertEquals(Service.State.STOPPED, service.state(), "a service was not stopped after its test");
            assertEquals(1, service.stops.get(), "a service was not stopped exactly once");
        }
        assertNotEquals(ENTRYPOINTS.get(0), ENTRYPOINTS.get(1), "two tests shared one entrypoint in PER_TEST scope");
        assertTrue(ENTRYPOINTS.stream().allMatch(e -> e.state() == Entrypoint.State.STOPPED),
                "an entrypoint was left running after its test");
    }

    @Test
    void perClassScopeSharesOneEntrypointAcrossTheTestsOfTheClass() {
        run(PerClass.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(1, SERVICES.size(), "the static @Services method should be called once per class");
        assertSame(ENTRYPOINTS.get(0), ENTRYPOINTS.get(1), "the tests of a PER_CLASS class got different entrypoints");
        assertEquals(1, SERVICES.get(0).starts.get(), "the shared service was not started exactly once");
        assertEquals(Service.State.STOPPED, SERVICES.get(0).state(), "the shared service was not stopped after all");
    }

    @Test
    void aFailingStartFailsTheTestWithTheStartErrorAndSkipsItsBody() {
        EngineExecutionResults results = run(FailingStart.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable error = failure(results);
        assertInstanceOf(EntrypointException.class, error, "the test did not fail with the entrypoint's error");
        assertEquals("cannot bind", rootCause(error).getMessage(), "the start error is not the cause");
        assertFalse(BODY_RAN.get(), "the test body ran although the services did not start");
    }

    @Test
    void aFailingStopFailsTheTestAfterItsBodyRan() {
        EngineExecutionResults results = run(FailingStop.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable error = failure(results);
        assertInstanceOf(EntrypointException.class, error, "the test did not fail with the entrypoint's error");
        assertEquals("cannot flush", rootCause(error).getMessage(), "the stop error is not the cause");
        assertTrue(BODY_RAN.get(), "the test body should run before the stop");
    }

    @Test
    void aPerClassInstanceServicesMethodIsRejectedWithAMessageThatSaysWhatToDo() {
        EngineExecutionResults results = run(PerClassWithInstanceMethod.class);
        Throwable error = results.containerEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("the class did not fail"));
        assertTrue(error.getMessage().contains("must be static"), "unhelpful message: " + error.getMessage());
        assertFalse(BODY_RAN.get(), "a test ran without its entrypoint");
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineFixture.run(testClass);
    }

    private static Throwable failure(EngineExecutionResults results) {
        Event failed = results.testEvents().failed().list().get(0);
        return failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    // The classes below are run only through the engine test kit (surefire skips nested classes;
    // EngineFixture disables them when a build selects them anyway).

    @ExtendWith(EngineFixture.class)
    @AiomiscTest
    static class PerTest {
        @Services
        Service service() {
            RecordingService service = new RecordingService();
            SERVICES.add(service);
            return service;
        }

        @Test
        void first(Entrypoint entrypoint) {
            ENTRYPOINTS.add(entrypoint);
        }

        @Test
        void second(Entrypoint entrypoint) {
            ENTRYPOINTS.add(entrypoint);
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest(scope = AiomiscTest.Scope.PER_CLASS)
    static class PerClass {
        @Services
        static Service[] services() {
            RecordingService service = new RecordingService();
            SERVICES.add(service);
            return new Service[] {service};
        }

        @Test
        void first(Entrypoint entrypoint) {
            ENTRYPOINTS.add(entrypoint);
        }

        @Test
        void second(Entrypoint entrypoint) {
            ENTRYPOINTS.add(entrypoint);
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest
    static class FailingStart {
        @Services
        Service service() {
            return RecordingService.failingToStart("cannot bind");
        }

        @Test
        void body() {
            BODY_RAN.set(true);
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest
    static class FailingStop {
        @Services
        Service service() {
            return RecordingService.failingToStop("cannot flush");
        }

        @Test
        void body() {
            BODY_RAN.set(true);
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest(scope = AiomiscTest.Scope.PER_CLASS)
    static class PerClassWithInstanceMethod {
        @Services
        Service service() {
            return new RecordingService();
        }

        @Test
        void body() {
            BODY_RAN.set(true);
        }
    }
}
