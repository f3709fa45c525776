/**
 * The aiomisc lifecycle: {@link io.aiomisc.Service}s started and stopped concurrently by an
 * {@link io.aiomisc.Entrypoint}, which also sets up logging and the thread pool, shares a
 * {@link io.aiomisc.Context} and lazily built dependencies between services, fires lifecycle hooks and
 * plugins, and stops gracefully on SIGINT and SIGTERM.
 *
 * <p>Plugins implement {@link io.aiomisc.spi.EntrypointPlugin} and are found with {@link java.util.ServiceLoader}.
 */
module io.aiomisc {
    requires transitive io.aiomisc.threads;
    requires transitive io.aiomisc.log;
    requires jdk.unsupported;

    exports io.aiomisc;
    exports io.aiomisc.spi;

    uses io.aiomisc.spi.EntrypointPlugin;
}
