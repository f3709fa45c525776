package io.aiomisc.examples;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.log.LogFormat;
import io.aiomisc.service.CronService;
import io.aiomisc.services.http.HttpFilter;
import io.aiomisc.services.http.HttpResponse;
import io.aiomisc.services.http.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo application: one entrypoint with a TCP echo service, an HTTP service (a greeting, a JSON status
 * page listing the services and their states, {@code /health} and {@code /ready}), a periodic heartbeat and a
 * cron job, logging in colour. It runs until Ctrl+C (SIGINT) or SIGTERM, stops gracefully and prints how long
 * the stop took.
 *
 * <p>System properties: {@code demo.host} (default 127.0.0.1), {@code demo.http.port} (8080),
 * {@code demo.tcp.port} (8081; 0 picks unused ports), {@code demo.heartbeat} (seconds, 5).
 */
public final class DemoApplication {
    private static final Logger LOG = LoggerFactory.getLogger(DemoApplication.class);

    private DemoApplication() {
    }

    /**
     * Runs the demo until SIGINT or SIGTERM.
     *
     * @param args ignored
     * @throws Exception if a service fails to start
     */
    public static void main(String[] args) throws Exception {
        String host = System.getProperty("demo.host", "127.0.0.1");
        AtomicReference<Entrypoint> running = new AtomicReference<>();
        AtomicLong stopBegan = new AtomicLong();

        EchoService echo = new EchoService(host, Integer.getInteger("demo.tcp.port", 8081));
        HttpServer http = HttpServer.builder()
                .name("http")
                .address(host, Integer.getInteger("demo.http.port", 8080))
                .filter(HttpFilter.requestId())
                .filter(HttpFilter.accessLog())
                .get("/", request -> HttpResponse.ok("Hello from aiomisc for Java!\n"))
                .get("/hello/{name}", request -> HttpResponse.ok("Hello, " + request.pathParam("name") + "!\n"))
                .get("/status", request -> HttpResponse.ok(statusJson(running.get()))
                        .contentType("application/json"))
                .healthRoutes()
                .build();
        HeartbeatService heartbeat = new HeartbeatService(Duration.ofSeconds(Long.getLong("demo.heartbeat", 5)));
        CronService cron = new CronService()
                .register("* * * * *", () -> LOG.info("cron: a new minute has begun"));

        try (Entrypoint entrypoint = Entrypoint.builder()
                .services(echo, http, heartbeat, cron)
                .logFormat(LogFormat.COLOR)
                .onPreStop(event -> stopBegan.compareAndSet(0, System.nanoTime()))
                .start()) {
            running.set(entrypoint);
            System.out.println("demo: http on " + address(http.localAddress()) + ", tcp echo on "
                    + address(echo.localAddress()) + "; press Ctrl+C to stop");
            System.out.flush();
            entrypoint.awaitTermination();
        }
        long began = stopBegan.get();
        long tookMillis = began == 0 ? 0 : (System.nanoTime() - began) / 1_000_000;
        System.out.println("demo: stopped gracefully in " + tookMillis + " ms");
    }

    private static String address(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** {@code {"entrypoint":"RUNNING","services":[{"name":"http","state":"RUNNING"},...]}}. */
    static String statusJson(Entrypoint entrypoint) {
        StringBuilder json = new StringBuilder("{\"entrypoint\":\"")
                .append(entrypoint == null ? "STARTING" : entrypoint.state()).append("\",\"services\":[");
        if (entrypoint != null) {
            String separator = "";
            for (Service service : entrypoint.services()) {
                json.append(separator).append("{\"name\":");
                quote(json, service.name());
                json.append(",\"state\":\"").append(service.state()).append("\"}");
                separator = ",";
            }
        }
        return json.append("]}\n").toString();
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
