package io.aiomisc.junit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.Service;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Proxy;
import io.aiomisc.junit.Services;
import io.aiomisc.services.tcp.TcpProxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Runs small {@link AiomiscTest} classes taking {@link Proxy} parameters, to see what a user would see fail. */
@Timeout(60)
class TcpProxyThroughEngineTest {
    static final List<TcpProxy> PROXIES = new CopyOnWriteArrayList<>();
    static final List<Service> SHARED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        PROXIES.clear();
        SHARED.clear();
    }

    @Test
    void aNameNoServiceHasFailsTheTestWithAMessageListingTheServices() {
        String message = failure(BadName.class).getMessage();
        assertTrue(message.contains("no service of the entrypoint matches") && message.contains("\"missing\"")
                && message.contains("echo"), "unhelpful message: " + message);
    }

    @Test
    void aTargetWithoutLocalAddressFailsTheTestNamingTheService() {
        String message = failure(NoAddress.class).getMessage();
        assertTrue(message.contains("RecordingService") && message.contains("localAddress()"),
                "unhelpful message: " + message);
    }

    @Test
    void anAnnotationNamingNoTargetFailsTheTestSayingWhatToSet() {
        String message = failure(NoTarget.class).getMessage();
        assertTrue(message.contains("exactly one of"), "unhelpful message: " + message);
    }

    @Test
    void withPerClassScopeEachTestsProxyStopsAfterItWhileTheServiceRunsOn() {
        run(PerClass.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(2, PROXIES.size(), "each test should have got a proxy");
        assertTrue(PROXIES.get(0) != PROXIES.get(1), "two tests of a PER_CLASS class shared one proxy");
        for (TcpProxy proxy : PROXIES) {
            assertEquals(Service.State.STOPPED, proxy.state(), "a proxy was left running after its test");
        }
        assertEquals(Service.State.STOPPED, SHARED.get(0).state(), "the shared service was not stopped after all");
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineFixture.run(testClass);
    }

    private static Throwable failure(Class<?> testClass) {
        EngineExecutionResults results = run(testClass);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable error = results.testEvents().failed().list().get(0)
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        return assertInstanceOf(ParameterResolutionException.class, error, "the test failed with another error");
    }

    // The classes below are run only through the engine test kit (surefire skips nested classes;
    // EngineFixture disables them when a build selects them anyway).

    @ExtendWith(EngineFixture.class)
    @AiomiscTest
    static class BadName {
        @Services
        Service echo() {
            return new EchoServer();
        }

        @Test
        void body(@Proxy(name = "missing") TcpProxy proxy) {
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest
    static class NoAddress {
        @Services
        Service service() {
            return new RecordingService();
        }

        @Test
        void body(@Proxy(service = RecordingService.class) TcpProxy proxy) {
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest
    static class NoTarget {
        @Services
        Service echo() {
            return new EchoServer();
        }

        @Test
        void body(@Proxy TcpProxy proxy) {
        }
    }

    @ExtendWith(EngineFixture.class)
    @AiomiscTest(scope = AiomiscTest.Scope.PER_CLASS)
    static class PerClass {
        @Services
        static Service echo() {
            EchoServer echo = new EchoServer();
            SHARED.add(echo);
            return echo;
        }

        @Test
        void first(@Proxy(name = "echo") TcpProxy proxy) {
            PROXIES.add(proxy);
        }

        @Test
        void second(@Proxy(name = "echo") TcpProxy proxy) {
            PROXIES.add(proxy);
        }
    }
}
