package io.aiomisc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link AiomiscTest} class that returns services for the entrypoint (aiomisc's
 * {@code services} fixture). The method returns a {@link io.aiomisc.Service}, a {@code Service[]} or an
 * {@link Iterable} of services, and may declare parameters resolved like a test method's (for instance
 * {@code @UnusedPort("http") int port}). All such methods of the class and its superclasses are called, superclass
 * methods first, each time an entrypoint is built; none means an entrypoint without services.
 *
 * <p>Instance methods are called on the test instance; with {@link AiomiscTest.Scope#PER_CLASS} they must be
 * static, unless the class uses {@code @TestInstance(Lifecycle.PER_CLASS)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Services {
}
