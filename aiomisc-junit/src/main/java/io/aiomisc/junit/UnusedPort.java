package io.aiomisc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a free TCP port of the loopback interface into an {@code int} (or {@code Integer}) parameter of an
 * {@link AiomiscTest} class (aiomisc's {@code aiomisc_unused_port} fixture).
 *
 * <p>The port was free when it was picked, and no other {@code @UnusedPort} in this JVM gets it again. Nothing
 * holds it afterwards, so a server that binds it never competes with a helper socket for connections; the small
 * risk left is another process taking the same ephemeral port in between. Where a service can bind port 0 and
 * report its address, prefer that.
 *
 * <p>Without a {@link #value() name}, every parameter gets a port of its own. Parameters with the same name share
 * one port for the entrypoint's lifetime, so a {@link Services} method and the test can agree on it:
 * {@code @UnusedPort("http") int port} in both.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UnusedPort {
    /**
     * The name under which parameters share a port; empty (the default) for a port of this parameter's own.
     *
     * @return the name, or empty
     */
    String value() default "";
}
