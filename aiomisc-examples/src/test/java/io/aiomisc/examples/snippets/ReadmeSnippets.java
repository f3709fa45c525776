package io.aiomisc.examples.snippets;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;

/** The code blocks of README.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    static void entrypoint() throws InterruptedException {
        // tag::entrypoint[]
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new OrdinaryService(), new InfinityService())
                .start()) {
            entrypoint.awaitTermination();      // loop.run_forever(): until SIGINT, SIGTERM or stop()
        }
        // end::entrypoint[]
    }

    static String run() throws Exception {
        // tag::run[]
        String result = Entrypoint.run(() -> "done", new OrdinaryService(), new InfinityService());
        // end::run[]
        return result;
    }
}

// tag::services[]
final class OrdinaryService extends Service {
    @Override
    protected void start() throws Exception {
        // open connections, bind a port, ...
    }

    @Override
    protected void stop(Throwable cause) throws Exception {
        // close what start() opened; cause is null, the failure that stopped everything,
        // or a ShutdownSignalException naming the signal
    }
}

final class InfinityService extends Service {
    @Override
    protected void start() throws InterruptedException {
        started();                       // aiomisc's self.start_event.set()
        while (true) {
            Thread.sleep(1000);          // throws InterruptedException when the service stops
        }
    }
}
// end::services[]

// tag::hello[]
final class HelloService extends Service {
    private final String name;

    HelloService(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was " + name);
        }
        this.name = name;
    }

    HelloService() {
        this("world");                   // a default, as a class attribute is in aiomisc
    }

    @Override
    protected void start() {
        System.out.println("Hello, " + name);
    }
}
// end::hello[]
