package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;

/**
 * Tutorial 1.2, service configuration with defaults: Python's keyword argument {@code name="world"} (or the class
 * attribute {@code name: str = "world"}) is a constructor parameter, and its default a second constructor.
 *
 * <p>{@code scripts/example.sh hello} prints {@code Hello world} and {@code Hello Guido}; both services start
 * concurrently, so in either order.
 */
public final class HelloService extends Service {
    /** The default of {@code name}. */
    public static final String DEFAULT_NAME = "world";

    private final String name;

    /** Greets {@value #DEFAULT_NAME}. */
    public HelloService() {
        this(DEFAULT_NAME);
    }

    /**
     * Greets {@code name}.
     *
     * @param name who to greet, not blank
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public HelloService(String name) {
        this.name = Require.text("name", name);
    }

    /** Prints the greeting. */
    @Override
    protected void start() {
        System.out.println("Hello " + name);
    }

    /**
     * The tutorial's {@code with aiomisc.entrypoint(HelloService(), HelloService(name="Guido")) as loop: pass}.
     *
     * @param args ignored
     */
    @SuppressWarnings("try") // the body is empty on purpose: start, then stop
    public static void main(String[] args) {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new HelloService(), new HelloService("Guido"))
                .start()) {
            // pass
        }
    }
}
