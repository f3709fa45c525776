package io.aiomisc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aiomisc.aggregate.Aggregator;
import io.aiomisc.aggregate.AggregatorBuilder;
import io.aiomisc.pool.ObjectPool;
import io.aiomisc.pool.ObjectPoolBuilder;
import io.aiomisc.resilience.CircuitBreaker;
import io.aiomisc.resilience.Retry;
import io.aiomisc.resilience.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Ticker TICKER = Ticker.system();
    private static final Executor EXECUTOR = Runnable::run;

    @Test
    void aPositiveDurationPassesThroughAndZeroOrNegativeOrNullNameTheParameter() {
        assertSame(SECOND, Checks.positive(SECOND, "timeout"));
        assertIllegalArgument("timeout must be > 0, was PT0S", () -> Checks.positive(Duration.ZERO, "timeout"));
        assertIllegalArgument("timeout must be > 0, was PT-1S", () -> Checks.positive(SECOND.negated(), "timeout"));
        assertEquals("timeout must not be null",
                assertThrows(NullPointerException.class, () -> Checks.positive(null, "timeout")).getMessage());
    }

    @Test
    void aNonNegativeDurationAcceptsZeroAndRejectsNegative() {
        assertSame(Duration.ZERO, Checks.nonNegative(Duration.ZERO, "pause"));
        assertIllegalArgument("pause must be >= 0, was PT-1S", () -> Checks.nonNegative(SECOND.negated(), "pause"));
        assertEquals("pause must not be null",
                assertThrows(NullPointerException.class, () -> Checks.nonNegative(null, "pause")).getMessage());
    }

    @Test
    void aNumberBelowTheMinimumNamesTheParameterTheMinimumAndTheValue() {
        Checks.atLeast(1, 1, "maxTries");
        assertIllegalArgument("maxTries must be >= 1, was 0", () -> Checks.atLeast(0, 1, "maxTries"));
    }

    @Test
    void aBlankNameIsRejectedQuotingWhatWasGiven() {
        assertSame("db", Checks.notBlank("db", "name"));
        assertIllegalArgument("name must not be blank, was \" \"", () -> Checks.notBlank(" ", "name"));
        assertEquals("name must not be null",
                assertThrows(NullPointerException.class, () -> Checks.notBlank(null, "name")).getMessage());
    }

    @Test
    void anOptionIsUnsetWhileNullZeroOrNaNAndOtherwiseReportsItsValue() {
        Checks.once((Object) null, "ticker");
        Checks.once(0L, "maxTries");
        Checks.once(Double.NaN, "factor");
        assertIllegalState("ticker was already set to x", () -> Checks.once("x", "ticker"));
        assertIllegalState("maxTries was already set to 3", () -> Checks.once(3, "maxTries"));
        assertIllegalState("factor was already set to 2.0", () -> Checks.once(2.0, "factor"));
    }

    /** Every option of the four helper builders, set a second time. */
    static Stream<Arguments> optionsSetTwice() {
        return Stream.of(
                named("name", () -> CircuitBreaker.builder(0.5, SECOND).name("a").name("b")),
                named("recoveryTime", () -> CircuitBreaker.builder(0.5, SECOND).recoveryTime(SECOND)
                        .recoveryTime(SECOND)),
                named("brokenTime", () -> CircuitBreaker.builder(0.5, SECOND).brokenTime(SECOND).brokenTime(SECOND)),
                named("passingTime", () -> CircuitBreaker.builder(0.5, SECOND).passingTime(SECOND)
                        .passingTime(SECOND)),
                named("exceptions", () -> CircuitBreaker.builder(0.5, SECOND).exceptions().exceptions()),
                named("exceptionInspector", () -> CircuitBreaker.builder(0.5, SECOND)
                        .exceptionInspector(e -> true).exceptionInspector(e -> true)),
                named("ticker", () -> CircuitBreaker.builder(0.5, SECOND).ticker(TICKER).ticker(TICKER)),
                named("name", () -> Retry.builder().name("a").name("b")),
                named("attemptTimeout", () -> Retry.builder().attemptTimeout(SECOND).attemptTimeout(SECOND)),
                named("deadline", () -> Retry.builder().deadline(SECOND).deadline(SECOND)),
                named("pause", () -> Retry.builder().pause(SECOND).pause(SECOND)),
                named("factor", () -> Retry.builder().factor(2).factor(2)),
                named("maxPause", () -> Retry.builder().maxPause(SECOND).maxPause(SECOND)),
                named("jitter", () -> Retry.builder().jitter(0.5).jitter(0.5)),
                named("maxTries", () -> Retry.builder().maxTries(2).maxTries(2)),
                named("retryOn", () -> Retry.builder().retryOn().retryOn()),
                named("giveUp", () -> Retry.builder().giveUp(e -> true).giveUp(e -> true)),
                named("ticker", () -> Retry.builder().ticker(TICKER).ticker(TICKER)),
                named("executor", () -> Retry.builder().executor(EXECUTOR).executor(EXECUTOR)),
                named("name", () -> aggregator().name("a").name("b")),
                named("maxCount", () -> aggregator().maxCount(2).maxCount(2)),
                named("ticker", () -> aggregator().ticker(TICKER).ticker(TICKER)),
                named("executor", () -> aggregator().executor(EXECUTOR).executor(EXECUTOR)),
                named("name", () -> pool().name("a").name("b")),
                named("check", () -> pool().check(x -> true).check(x -> true)),
                named("dispose", () -> pool().dispose(x -> { }).dispose(x -> { })),
                named("maxSize", () -> pool().maxSize(2).maxSize(2)),
                named("maxUses", () -> pool().maxUses(2).maxUses(2)),
                named("maxAge", () -> pool().maxAge(SECOND).maxAge(SECOND)),
                named("ticker", () -> pool().ticker(TICKER).ticker(TICKER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsSetTwice")
    void everyHelperBuilderRefusesAnOptionSetTwiceNamingIt(String option, Executable setTwice) {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, setTwice,
                "setting " + option + " twice must fail at the second call, not silently keep one value");
        assertTrue(thrown.getMessage().startsWith(option + " was already set to "),
                "the message must name the option and its value, was: " + thrown.getMessage());
    }

    /** Every positive-duration parameter of the four helper builders, given zero. */
    static Stream<Arguments> zeroDurations() {
        return Stream.of(
                named("responseTime", () -> CircuitBreaker.builder(0.5, Duration.ZERO)),
                named("recoveryTime", () -> CircuitBreaker.builder(0.5, SECOND).recoveryTime(Duration.ZERO)),
                named("brokenTime", () -> CircuitBreaker.builder(0.5, SECOND).brokenTime(Duration.ZERO)),
                named("passingTime", () -> CircuitBreaker.builder(0.5, SECOND).passingTime(Duration.ZERO)),
                named("attemptTimeout", () -> Retry.builder().attemptTimeout(Duration.ZERO)),
                named("deadline", () -> Retry.builder().deadline(Duration.ZERO)),
                named("maxPause", () -> Retry.builder().maxPause(Duration.ZERO)),
                named("leeway", () -> Aggregator.<Integer, Integer>builder(Duration.ZERO, List::copyOf)),
                named("maxAge", () -> pool().maxAge(Duration.ZERO)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroDurations")
    void everyPositiveDurationOfTheHelperBuildersRejectsZeroNamingTheParameter(String parameter,
                                                                              Executable giveZero) {
        assertIllegalArgument(parameter + " must be > 0, was PT0S", giveZero);
    }

    private static AggregatorBuilder<Integer, Integer> aggregator() {
        return Aggregator.builder(SECOND, List::copyOf);
    }

    private static ObjectPoolBuilder<Object> pool() {
        return ObjectPool.builder(Object::new);
    }

    private static Arguments named(String name, Executable action) {
        return Arguments.of(name, action);
    }

    private static void assertIllegalArgument(String expected, Executable action) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, action).getMessage());
    }

    private static void assertIllegalState(String expected, Executable action) {
        assertEquals(expected, assertThrows(IllegalStateException.class, action).getMessage());
    }
}
