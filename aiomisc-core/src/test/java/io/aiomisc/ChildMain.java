package io.aiomisc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program the child-JVM tests run on the class path: builds an entrypoint for a scenario, prints READY
 * once it is up, and waits. Lines on stdout are what the tests assert on.
 */
public final class ChildMain {
    private static final Logger LOG = LoggerFactory.getLogger("io.aiomisc.child");

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "graceful" -> graceful();
            case "second-interrupt" -> blockingStop(Duration.ofSeconds(30));
            case "overrun" -> blockingStop(Duration.ofMillis(300));
            case "no-catch" -> noCatch();
            case "restore" -> restore();
            case "plugins" -> plugins();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** A service whose stop prints the cause it received, and logs a record during the stop. */
    static final class Printing extends Service {
        private final String name;

        Printing(String name) {
            this.name = name;
        }

        @Override
        protected void start() throws Exception {
            if (name.equals("forever")) {
                started();
                new CountDownLatch(1).await();
            }
        }

        @Override
        protected void stop(Throwable cause) {
            String what = cause instanceof ShutdownSignalException signal ? signal.signal() : String.valueOf(cause);
            System.out.println("STOPPED " + name + " " + what);
            LOG.warn("record logged by {} during the stop", name);
        }

        @Override
        public String name() {
            return name;
        }
    }

    private static void graceful() throws Exception {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new Printing("once"), new Printing("forever"))
                .onPostStop(event -> System.out.println("POST_STOP " + event.services().size()))
                .start()) {
            System.out.println("READY");
            entrypoint.awaitTermination();
            System.out.println("AWAITED");
        }
        System.out.println("MAIN RETURNS");
    }

    /** A service whose stop blocks until interrupted, or for good. */
    private static void blockingStop(Duration timeout) throws Exception {
        Service stuck = new Service() {
            @Override
            protected void start() {
            }

            @Override
            protected void stop(Throwable cause) {
                System.out.println("STOPPING stuck");
                while (true) {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException ignored) {
                        // overruns on purpose
                    }
                }
            }
        };
        try (Entrypoint entrypoint = Entrypoint.builder().shutdownTimeout(timeout)
                .onPostStop(event -> System.out.println("POST_STOP " + event.services().size()))
                .services(stuck).start()) {
            System.out.println("READY");
            entrypoint.awaitTermination();
        }
        System.out.println("MAIN RETURNS");
    }

    private static void noCatch() throws Exception {
        try (Entrypoint entrypoint = Entrypoint.builder().catchSignals(false)
                .services(new Printing("once")).start()) {
            System.out.println("READY");
            entrypoint.awaitTermination();
        }
    }

    /** A programmatic stop that overruns: reported, the JVM lives on, the default handlers are back. */
    private static void restore() throws Exception {
        Entrypoint entrypoint = Entrypoint.builder().shutdownTimeout(Duration.ofMillis(200))
                .services(new Service() {
                    @Override
                    protected void start() {
                    }

                    @Override
                    protected void stop(Throwable cause) {
                        while (true) {
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException ignored) {
                                // overruns on purpose
                            }
                        }
                    }
                }).start();
        try {
            entrypoint.close();
        } catch (EntrypointException expected) {
            System.out.println("CLOSE REPORTED " + expected.getCause().getClass().getSimpleName());
        }
        System.out.println("READY");
        new CountDownLatch(1).await();
    }

    private static void plugins() {
        Entrypoint.PRE_START.connect(event -> System.out.println("global PRE_START"));
        Entrypoint.POST_STOP.connect(event -> System.out.println("global POST_STOP"));
        try (Entrypoint entrypoint = Entrypoint.builder().logConfig(false).catchSignals(false)
                .services(new Printing("once"))
                .onPreStart(event -> System.out.println("own PRE_START"))
                .onPostStop(event -> System.out.println("own POST_STOP"))
                .start()) {
            System.out.println("pool " + entrypoint.threadPool().statistics().threads());
        }
        System.out.println("READY");
    }
}
