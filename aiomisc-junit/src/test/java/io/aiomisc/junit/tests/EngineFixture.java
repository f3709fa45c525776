package io.aiomisc.junit.tests;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Enables a test class only when {@link #run} executes it: the classes that fail on purpose to show what a user
 * would see stay skipped when a build selects them directly (e.g. {@code -Dtest='io.aiomisc.junit.**'}, which
 * overrides surefire's exclusion of nested classes).
 */
final class EngineFixture implements ExecutionCondition {
    private static final String KEY = "io.aiomisc.junit.tests.engine-fixture";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).map(Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("run through the engine test kit")
                : ConditionEvaluationResult.disabled("a fixture, run only through the engine test kit");
    }

    /** Runs a fixture class with the Jupiter engine of the test kit. */
    static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter(KEY, "true").execute();
    }
}
