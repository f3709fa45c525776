/**
 * The aiomisc lifecycle: {@link io.aiomisc.Service}s started and stopped concurrently by an
 * {@link io.aiomisc.Entrypoint}, which also sets up logging and the thread pool, shares a
 * {@link io.aiomisc.Context} and lazily built dependencies between services, fires lifecycle hooks and
 * plugins, and stops gracefully on SIGINT and SIGTERM; and the helpers every service needs: retry, circuit
 * breaker and timeouts ({@code io.aiomisc.resilience}), call batching ({@code io.aiomisc.aggregate}), object
 * pooling ({@code io.aiomisc.pool}), and statistics published over JMX ({@code io.aiomisc.stats}).
 *
 * <p>{@code io.aiomisc.schedule} runs callbacks periodically, on cron expressions or on a strategy of one's own;
 * {@code io.aiomisc.service} has the ready-made services built on them (periodic, cron, process, graceful,
 * memory tracer).
 *
 * <p>Plugins implement {@link io.aiomisc.spi.EntrypointPlugin} and are found with {@link java.util.ServiceLoader}.
 */
module io.aiomisc {
    requires transitive io.aiomisc.threads;
    requires transitive io.aiomisc.log;
    requires transitive java.management;
    requires jdk.unsupported;

    exports io.aiomisc;
    exports io.aiomisc.spi;
    exports io.aiomisc.schedule;
    exports io.aiomisc.service;
    exports io.aiomisc.resilience;
    exports io.aiomisc.aggregate;
    exports io.aiomisc.pool;
    exports io.aiomisc.stats;

    uses io.aiomisc.spi.EntrypointPlugin;
}
