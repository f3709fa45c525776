package io.aiomisc.snippets;

import io.aiomisc.Entrypoint;
import io.aiomisc.Key;
import io.aiomisc.Service;
import io.aiomisc.log.LogFormat;
import io.aiomisc.threads.ThreadPool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The code blocks of docs/core.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class CoreSnippets {
    private static final Logger LOG = LoggerFactory.getLogger(CoreSnippets.class);

    private CoreSnippets() {
    }

    static void hello() throws Exception {
        // tag::hello-run[]
        Entrypoint.run(() -> null, new HelloService(), new HelloService("Guido"));
        // Hello world
        // Hello Guido
        // end::hello-run[]
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

    static void defaults() {
        // tag::defaults[]
        Entrypoint.builder()
                .services(new OrdinaryService(), new InfinityService())
                .poolSize(ThreadPool.defaultSize())  // clamp(available processors, 4, 32)
                .logLevel("info")
                .logFormat(LogFormat.AUTO)           // COLOR on a terminal, JOURNALD under systemd, else PLAIN
                .logBuffering(true)
                .logBufferSize(1024)
                .logFlushInterval(Duration.ofMillis(200))
                .logConfig(true)
                .debug(false)
                .shutdownTimeout(Duration.ofSeconds(60))
                .catchSignals(true)
                .start();
        // end::defaults[]
    }

    static void runUntilComplete() throws Exception {
        // tag::run-until-complete[]
        try (Entrypoint entrypoint = Entrypoint.builder().logLevel("info").start()) {
            entrypoint.runUntilComplete(() -> {
                LOG.info("Started");
                Thread.sleep(1000);
                LOG.info("Exiting");
                return null;
            });
        }
        // end::run-until-complete[]
    }

    static String run() throws Exception {
        // tag::run[]
        String result = Entrypoint.run(() -> {
            LOG.info("Started");
            return "done";
        }, new OrdinaryService(), new InfinityService());
        // or with options: Entrypoint.builder().logLevel("debug").services(...).run(main)
        // end::run[]
        return result;
    }
}

// tag::ordinary[]
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
// end::ordinary[]

// tag::infinity[]
final class InfinityService extends Service {
    @Override
    protected void start() throws InterruptedException {
        started();                       // the service is ready
        while (true) {
            // do some stuff
            Thread.sleep(1000);          // throws InterruptedException when the service stops
        }
    }
}
// end::infinity[]

// tag::hello[]
final class HelloService extends Service {
    private final String name;

    HelloService(String name) {                    // __required__ = ("name",)
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        this.name = name;
    }

    HelloService() {                               // the class attribute default: name = "world"
        this("world");
    }

    @Override
    protected void start() {
        System.out.println("Hello " + name);
    }
}
// end::hello[]

// tag::dependencies[]
final class Application {
    static final Key<DatabaseConfig> CONFIG = Key.of("config", DatabaseConfig.class);
    static final Key<ConnectionPool> DB = Key.of("db", ConnectionPool.class);

    static final class Repository extends Service {
        private ConnectionPool db;

        @Override
        protected void start() throws Exception {
            db = dependency(DB);
        }
    }

    public static void main(String[] args) throws Exception {
        try (Entrypoint entrypoint = Entrypoint.builder()
                .dependency(CONFIG, deps -> DatabaseConfig.fromEnvironment())
                .dependency(DB, deps -> ConnectionPool.open(deps.get(CONFIG)), ConnectionPool::close)
                .services(new Repository())
                .start()) {
            entrypoint.awaitTermination();
        }
    }
}
// end::dependencies[]

/** Where the dependency example's pool connects to. */
record DatabaseConfig(String url, int poolSize) {
    static DatabaseConfig fromEnvironment() {
        return new DatabaseConfig(System.getenv().getOrDefault("DB_URL", "db://localhost/app"), 10);
    }
}

/** The resource the dependency example shares between services: opened by a factory, closed by a closer. */
final class ConnectionPool implements AutoCloseable {
    private final DatabaseConfig config;

    private ConnectionPool(DatabaseConfig config) {
        this.config = config;
    }

    static ConnectionPool open(DatabaseConfig config) {
        return new ConnectionPool(config);
    }

    @Override
    public void close() {
        // a real pool closes its connections here
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + config.url() + "]";
    }
}
