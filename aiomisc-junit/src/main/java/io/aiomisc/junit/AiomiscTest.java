package io.aiomisc.junit;

import io.aiomisc.junit.internal.AiomiscExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests of a class inside an {@link io.aiomisc.Entrypoint} (aiomisc's pytest plugin): before each test
 * (or once before all, see {@link #scope()}) an entrypoint is started with the services returned by the class's
 * {@link Services} methods, and stopped after. A start or stop that fails fails the test (or, in
 * {@link Scope#PER_CLASS}, every test of the class) with the entrypoint's {@link io.aiomisc.EntrypointException}.
 *
 * <pre>{@code
 * @AiomiscTest
 * class EchoTest {
 *     @Services
 *     static Service echo(@UnusedPort("echo") int port) {
 *         return new EchoServer("127.0.0.1", port);
 *     }
 *
 *     @Test
 *     void echoes(@UnusedPort("echo") int port, Entrypoint entrypoint) { ... }
 * }
 * }</pre>
 *
 * <p>The entrypoint is built with {@code logConfig(false)} unless {@link #logConfig()} says otherwise (so the test
 * framework's own logging set-up is left alone, as aiomisc's plugin does) and with {@code catchSignals(false)} (a
 * Ctrl+C belongs to the test runner). Every other option has its default, including the
 * {@code AIOMISC_*} environment variables.
 *
 * <p>Test and lifecycle methods, constructors and {@link Services} methods may declare parameters of type
 * {@link io.aiomisc.Entrypoint} (the running entrypoint), {@link io.aiomisc.Context} (its context: one per test
 * in {@link Scope#PER_TEST}) and {@code int} annotated with {@link UnusedPort}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AiomiscExtension.class)
@SuppressWarnings("exports") // the extension is opened to JUnit, not exported: users name only the annotation
public @interface AiomiscTest {
    /**
     * How long one entrypoint lives.
     *
     * @return {@link Scope#PER_TEST} by default
     */
    Scope scope() default Scope.PER_TEST;

    /**
     * Whether the entrypoint configures logging ({@code Entrypoint.Builder.logConfig}); every entrypoint that does
     * reconfigures logback for the whole JVM.
     *
     * @return {@code false} by default, as aiomisc's pytest plugin
     */
    boolean logConfig() default false;

    /** How long one entrypoint lives. */
    enum Scope {
        /** A fresh entrypoint (and fresh services) for every test; the default. */
        PER_TEST,
        /**
         * One entrypoint for all tests of the class, started before the first and stopped after the last. Its
         * {@link Services} methods must be static unless the class uses
         * {@code @TestInstance(Lifecycle.PER_CLASS)}.
         */
        PER_CLASS
    }
}
