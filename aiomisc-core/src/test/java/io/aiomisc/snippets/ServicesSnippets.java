package io.aiomisc.snippets;

import io.aiomisc.Entrypoint;
import io.aiomisc.schedule.CronExpression;
import io.aiomisc.schedule.RunOptions;
import io.aiomisc.service.CronService;
import io.aiomisc.service.GracefulService;
import io.aiomisc.service.MemoryTracerService;
import io.aiomisc.service.PeriodicService;
import io.aiomisc.service.ProcessOptions;
import io.aiomisc.service.ProcessService;
import io.aiomisc.service.RespawningProcessService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The code blocks of docs/services.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class ServicesSnippets {
    private ServicesSnippets() {
    }

    static void periodic() throws Exception {
        // tag::periodic[]
        class Heartbeat extends PeriodicService {
            private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

            Heartbeat() {
                super(Duration.ofSeconds(5), Duration.ofSeconds(1));   // interval, delay
            }

            @Override
            protected void callback() {
                LOG.info("alive");
            }
        }

        Entrypoint.run(() -> {
            Thread.sleep(Duration.ofMinutes(1));                       // the application's main work
            return null;
        }, new Heartbeat());
        // end::periodic[]
    }

    /** Holds the callbacks that the cron block registers as method references. */
    static final class Jobs {
        CronService cron() {
            // tag::cron[]
            CronService cron = new CronService()
                    .register("*/5 * * * *", this::refreshCache)                          // UTC
                    .register("0 3 * * *", ZoneId.of("Europe/Berlin"), this::nightlyReport)
                    .register("audit", CronExpression.parse("0 * * * * 30"), ZoneOffset.UTC,
                            RunOptions.DEFAULT.withShield(true), this::audit);             // seconds last; not interrupted on stop
            // end::cron[]
            return cron;
        }

        private void refreshCache() {
        }

        private void nightlyReport() {
        }

        private void audit() {
        }
    }

    static List<ProcessService> process() {
        // tag::process[]
        ProcessService worker = new ProcessService(ProcessOptions.of("python3", "worker.py")
                .withName("worker")
                .withEnvironment(Map.of("WORKERS", "4"))       // added to the inherited environment
                .withWorkingDirectory(Path.of("/srv/app"))
                .withKillTimeout(Duration.ofSeconds(10)));     // default 3 s, as aiomisc

        RespawningProcessService always = new RespawningProcessService(
                ProcessOptions.of("./agent"), Duration.ofSeconds(1));   // respawn delay, default 5 s
        // end::process[]
        return List.of(worker, always);
    }

    static GracefulService graceful() {
        // tag::graceful[]
        class Consumer extends GracefulService {
            private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

            Consumer() {
                super(Duration.ofSeconds(30));                 // grace period, default 10 s
            }

            @Override
            protected void start() throws Exception {
                super.start();
                spawn("poll", () -> {
                    while (!Thread.interrupted()) {
                        handle(queue.take());
                    }
                    return null;
                });
            }

            private void handle(String message) {
                System.out.println("handled " + message);
            }
        }
        // end::graceful[]
        return new Consumer();
    }

    static void memoryTracer() throws InterruptedException {
        // tag::memory[]
        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(new MemoryTracerService())           // every 5 s, top 20 (aiomisc's defaults)
                .start()) {
            entrypoint.awaitTermination();
        }
        // end::memory[]
    }
}
