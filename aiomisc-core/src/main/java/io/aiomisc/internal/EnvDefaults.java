package io.aiomisc.internal;

import io.aiomisc.log.LogFormat;
import io.aiomisc.log.Logs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * The entrypoint defaults taken from aiomisc's environment variables, read when a builder is created. A null
 * component means the variable is not set.
 *
 * <p>Values follow aiomisc: booleans are true for {@code 1, enable, enabled, on, true, yes} (any case) and
 * false otherwise; {@code AIOMISC_LOG_FLUSH} and {@code AIOMISC_SHUTDOWN_TIMEOUT} are seconds as a decimal
 * number; the Python-only log formats map to ours ({@code stream} to PLAIN, {@code rich} and {@code rich_tb} to
 * COLOR, {@code disabled} to no logging set-up at all).
 *
 * @param poolSize         {@code AIOMISC_POOL_SIZE}
 * @param logLevel         {@code AIOMISC_LOG_LEVEL}
 * @param logFormat        {@code AIOMISC_LOG_FORMAT} (null also for {@code disabled})
 * @param logBuffering     {@code AIOMISC_LOG_BUFFERING}
 * @param logBufferSize    {@code AIOMISC_LOG_BUFFER}
 * @param logFlushInterval {@code AIOMISC_LOG_FLUSH}
 * @param logConfig        {@code AIOMISC_LOG_CONFIG}, or false when {@code AIOMISC_LOG_FORMAT=disabled}
 * @param debug            {@code AIOMISC_DEBUG}
 * @param shutdownTimeout  {@code AIOMISC_SHUTDOWN_TIMEOUT}
 * @param noPlugins        true when {@code AIOMISC_NO_PLUGINS} is set to a non-empty value
 */
public record EnvDefaults(Integer poolSize, Level logLevel, LogFormat logFormat, Boolean logBuffering,
                          Integer logBufferSize, Duration logFlushInterval, Boolean logConfig, Boolean debug,
                          Duration shutdownTimeout, boolean noPlugins) {

    private static final Set<String> TRUE = Set.of("1", "enable", "enabled", "on", "true", "yes");

    /**
     * Reads the variables.
     *
     * @param env looks a variable up; null when it is not set (normally {@code System::getenv})
     * @return the defaults
     * @throws IllegalArgumentException naming the variable and its value, if a number, level or format cannot
     *                                  be read or is out of range
     */
    public static EnvDefaults read(Function<String, String> env) {
        String format = env.apply("AIOMISC_LOG_FORMAT");
        boolean disabled = format != null && format.trim().equalsIgnoreCase("disabled");
        Boolean logConfig = bool(env.apply("AIOMISC_LOG_CONFIG"));
        String noPlugins = env.apply("AIOMISC_NO_PLUGINS");
        return new EnvDefaults(
                positiveInt("AIOMISC_POOL_SIZE", env.apply("AIOMISC_POOL_SIZE")),
                level(env.apply("AIOMISC_LOG_LEVEL")),
                disabled ? null : format(format),
                bool(env.apply("AIOMISC_LOG_BUFFERING")),
                positiveInt("AIOMISC_LOG_BUFFER", env.apply("AIOMISC_LOG_BUFFER")),
                seconds("AIOMISC_LOG_FLUSH", env.apply("AIOMISC_LOG_FLUSH")),
                disabled ? Boolean.FALSE : logConfig,
                bool(env.apply("AIOMISC_DEBUG")),
                seconds("AIOMISC_SHUTDOWN_TIMEOUT", env.apply("AIOMISC_SHUTDOWN_TIMEOUT")),
                noPlugins != null && !noPlugins.isEmpty());
    }

    /**
     * Reads a boolean the aiomisc way.
     *
     * @param value the variable's value, or null
     * @return null when unset, else whether it is one of the true spellings
     */
    public static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        return TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static Integer positiveInt(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number >= 1, was '" + value + "'");
    }

    private static Duration seconds(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() > 0) {
                return Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP)
                        .longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number of seconds > 0 (such as 0.5), was '"
                + value + "'");
    }

    private static Level level(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Logs.parseLevel(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AIOMISC_LOG_LEVEL: " + e.getMessage() + " (was '" + value + "')",
                    e);
        }
    }

    private static LogFormat format(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "default" -> LogFormat.AUTO;
            case "stream", "plain" -> LogFormat.PLAIN;
            case "color", "rich", "rich_tb" -> LogFormat.COLOR;
            case "json" -> LogFormat.JSON;
            case "journald" -> LogFormat.JOURNALD;
            case "syslog" -> LogFormat.SYSLOG;
            default -> throw new IllegalArgumentException("AIOMISC_LOG_FORMAT must be one of auto, plain, stream,"
                    + " color, rich, rich_tb, json, journald, syslog, disabled; was '" + value + "'");
        };
    }
}
