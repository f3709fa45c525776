package io.aiomisc.log;

import io.aiomisc.log.internal.LogSetup;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * Sets up logging in code, the way aiomisc's {@code basic_config} does: no XML, one output, one format.
 *
 * <pre>{@code
 * try (LogHandle logs = Logs.configure(LogConfig.builder().level("debug").format(LogFormat.JSON).build())) {
 *     LoggerFactory.getLogger("app").info("started");
 * }
 * }</pre>
 */
public final class Logs {

    private static final String VALID_LEVELS =
            "critical, fatal, error, warning, warn, info, debug, trace, notset (any case)";

    private Logs() {
    }

    /**
     * Configures logback globally: the root level, one appender writing the chosen format to the chosen output
     * (through a {@link BufferedAppender} when {@link LogConfig#buffered()}), and the bridge that sends
     * {@code java.util.logging} records to the same output at the matching level (installed once, with logback's
     * {@code LevelChangePropagator} so JUL does not build records that would be discarded).
     *
     * <p>Calling it again replaces the previous set-up without a gap: the new output is switched in at once, then
     * the previous one is drained, its writer thread ended and its output closed ({@code System.err} and other
     * given streams are flushed, never closed). The root logger's other appenders (from a {@code logback.xml}) are
     * detached and stopped; levels set on other loggers are kept. A JVM shutdown hook, installed by the first
     * call, closes the current handle at exit so that buffered records are written. Thread-safe: concurrent calls
     * run one after another. Blocks while the previous set-up drains.
     *
     * @param config what to set up
     * @return the handle to flush, close and observe this set-up
     * @throws NullPointerException  if {@code config} is null
     * @throws IllegalStateException if SLF4J is not bound to logback, or the output cannot be opened (a file that
     *                               cannot be created, an unknown syslog host); the previous set-up then stays
     */
    public static LogHandle configure(LogConfig config) {
        Objects.requireNonNull(config, "config");
        return LogSetup.configure(config);
    }

    /**
     * Reads a level name as aiomisc spells it: {@code critical} and {@code fatal} are ERROR (SLF4J has nothing
     * above it), {@code warning} and {@code warn} are WARN, {@code info}, {@code debug}, {@code error} and
     * {@code trace} are themselves, and {@code notset} is TRACE (everything). Case and surrounding blanks are
     * ignored. Thread-safe.
     *
     * @param name the level name
     * @return the level
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if the name is unknown; the message lists the valid names
     */
    public static Level parseLevel(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "fatal", "error" -> Level.ERROR;
            case "warning", "warn" -> Level.WARN;
            case "info" -> Level.INFO;
            case "debug" -> Level.DEBUG;
            case "trace", "notset" -> Level.TRACE;
            default -> throw new IllegalArgumentException(
                    "unknown log level \"" + name + "\", valid: " + VALID_LEVELS);
        };
    }
}
