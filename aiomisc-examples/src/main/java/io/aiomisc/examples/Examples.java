package io.aiomisc.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a tutorial example by name: {@code scripts/example.sh <name>}; without a name it lists them. Each example is
 * also a class with its own {@code main}.
 */
public final class Examples {
    /** What an example's {@code main} is to the launcher. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** An example: its main method, the tutorial section it twins, and what it shows. */
    record Example(Main main, String section, String summary) {
    }

    /** Every example by name, in tutorial order. */
    static final Map<String, Example> ALL = all();

    private Examples() {
    }

    private static Map<String, Example> all() {
        Map<String, Example> all = new LinkedHashMap<>();
        all.put("infinity-service", new Example(InfinityService::main, "1.1 Services",
                "a service whose start() runs until it is stopped (three ticks here)"));
        all.put("ordinary-service", new Example(OrdinaryService::main, "1.1 Services",
                "a service with start() and stop(), each run once"));
        all.put("hello", new Example(HelloService::main, "1.2 Service configuration",
                "HelloService with a default name and with name=\"Guido\""));
        all.put("hello-required", new Example(HelloRequiredService::main, "1.2 Service configuration",
                "__required__ = (\"name\", \"title\"): required constructor parameters that fail fast"));
        all.put("hello-inheritance", new Example(HelloGreetingService::main, "1.2 Service configuration",
                "a greeting() that a subclass overrides (__async_required__)"));
        all.put("entrypoint", new Example(EntrypointExample::main, "1.4 entrypoint",
                "OrdinaryService and InfinityService until the entrypoint stops (loop.run_forever())"));
        all.put("entrypoint-explicit", new Example(EntrypointExplicitExample::main, "1.4 entrypoint",
                "the same with every entrypoint parameter explicit"));
        all.put("no-services", new Example(NoServicesExample::main, "1.4 entrypoint",
                "an entrypoint without services running sleep_and_exit (loop.run_until_complete)"));
        all.put("run", new Example(RunExample::main, "1.4 entrypoint",
                "aiomisc.run: a main body with services around it"));
        all.put("threaded", new Example(ThreadedExample::main, "1.5.1 @aiomisc.threaded",
                "blocking I/O on the entrypoint's thread pool"));
        all.put("threaded-separate", new Example(ThreadedSeparateExample::main, "1.5.2 @aiomisc.threaded_separate",
                "a (bounded) hash miner on a thread of its own"));
        all.put("threaded-iterable", new Example(ThreadedIterableExample::main, "1.5.3 @aiomisc.threaded_iterable",
                "a generator in a thread, consumed through a buffer of 8"));
        return Collections.unmodifiableMap(all);
    }

    /**
     * Runs the example named by the first argument, passing it the rest; lists the examples when there is none.
     *
     * @param args the example's name, then its arguments
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("examples (scripts/example.sh <name>):");
            ALL.forEach((name, example) ->
                    System.out.printf("  %-20s %-34s %s%n", name, example.section(), example.summary()));
            return;
        }
        Example example = ALL.get(args[0]);
        if (example == null) {
            System.err.println("no example named '" + args[0] + "'; known: " + String.join(", ", ALL.keySet()));
            System.exit(2);
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        example.main().run(rest);
    }
}
