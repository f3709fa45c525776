package io.aiomisc.examples;

import io.aiomisc.Entrypoint;

/**
 * Tutorial 1.4, {@code aiomisc.run(main, *services, **kwargs)}: {@code Entrypoint.builder()...run(main)} starts the
 * services, runs the main body, and stops everything when the body returns, so the forever-running
 * {@link InfinityService} ends with it. {@code Entrypoint.run(main, services...)} is the same with the defaults.
 * {@code scripts/example.sh run}.
 */
public final class RunExample {
    private RunExample() {
    }

    /**
     * Runs {@code sleep_and_exit} as the main body, with both services around it.
     *
     * @param args ignored
     * @throws Exception if the body or the entrypoint fails
     */
    public static void main(String[] args) throws Exception {
        Entrypoint.builder()
                .logLevel("info")                                  // keyword arguments: the builder
                .services(new OrdinaryService(), new InfinityService())  // other positional arguments
                .run(SleepAndExit::sleepAndExit);                  // the first argument: the main body
    }
}
