package io.aiomisc.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * What {@link Logs#configure(LogConfig)} sets up. Immutable; build one with {@link #builder()}.
 *
 * <p>Exactly one of {@code target} and {@code file} is non-null. With {@link LogFormat#SYSLOG} both are ignored
 * and records go to {@code syslogHost:syslogPort}.
 *
 * @param level         the root level; records below it are discarded (default {@link #DEFAULT_LEVEL})
 * @param format        how records are rendered (default {@link LogFormat#AUTO})
 * @param buffered      whether a {@link BufferedAppender} writes on its own thread (default true)
 * @param bufferSize    the buffer's queue capacity in records, and the number of records after which the output
 *                      is flushed (default {@link #DEFAULT_BUFFER_SIZE}), 1 to {@link #MAX_BUFFER_SIZE}
 * @param flushInterval the longest a buffered record waits before it is written and flushed
 *                      (default {@link #DEFAULT_FLUSH_INTERVAL}), positive
 * @param overflow      what happens when the buffer is full (default {@link Overflow#BLOCK})
 * @param target        the stream to write to (default {@code System.err}), or null when {@code file} is set
 * @param file          the file to append to, or null when writing to {@code target}
 * @param syslogHost    the syslog host (default {@link #DEFAULT_SYSLOG_HOST}), used by {@link LogFormat#SYSLOG}
 * @param syslogPort    the syslog UDP port (default {@link #DEFAULT_SYSLOG_PORT}), used by {@link LogFormat#SYSLOG}
 */
public record LogConfig(
        Level level,
        LogFormat format,
        boolean buffered,
        int bufferSize,
        Duration flushInterval,
        Overflow overflow,
        PrintStream target,
        Path file,
        String syslogHost,
        int syslogPort) {

    /** The default root level, {@code INFO} (aiomisc's default). */
    public static final Level DEFAULT_LEVEL = Level.INFO;
    /** The default buffer size, 1024 records. */
    public static final int DEFAULT_BUFFER_SIZE = 1024;
    /** The largest buffer size accepted, 1 048 576 records. */
    public static final int MAX_BUFFER_SIZE = 1 << 20;
    /** The default flush interval, 200 ms (aiomisc's default). */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /** The default syslog host, {@code localhost}. */
    public static final String DEFAULT_SYSLOG_HOST = "localhost";
    /** The default syslog port, 514. */
    public static final int DEFAULT_SYSLOG_PORT = 514;

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if {@code level}, {@code format}, {@code flushInterval}, {@code overflow} or
     *                                  {@code syslogHost} is null
     * @throws IllegalArgumentException if {@code bufferSize}, {@code flushInterval}, {@code syslogHost} or
     *                                  {@code syslogPort} is out of range, or if not exactly one of
     *                                  {@code target} and {@code file} is set
     */
    public LogConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(syslogHost, "syslogHost");
        checkBufferSize(bufferSize);
        checkFlushInterval(flushInterval);
        checkSyslog(syslogHost, syslogPort);
        if ((target == null) == (file == null)) {
            throw new IllegalArgumentException(
                    "exactly one of target and file must be set, was target=" + target + ", file=" + file);
        }
    }

    /**
     * Returns a builder with every option at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static void checkBufferSize(int bufferSize) {
        if (bufferSize < 1 || bufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException(
                    "bufferSize must be between 1 and " + MAX_BUFFER_SIZE + ", was " + bufferSize);
        }
    }

    private static void checkFlushInterval(Duration flushInterval) {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
        }
    }

    private static void checkSyslog(String host, int port) {
        if (host.isBlank()) {
            throw new IllegalArgumentException("syslogHost must not be blank, was \"" + host + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("syslogPort must be between 1 and 65535, was " + port);
        }
    }

    /**
     * Builds a {@link LogConfig}. Each option may be set once; a second call, or an option that excludes one
     * already set ({@code target} / {@code file} / {@code syslog}), throws {@link IllegalStateException}. Values
     * are checked when set. Not thread-safe.
     */
    public static final class Builder {
        private Level level;
        private LogFormat format;
        private Boolean buffered;
        private Integer bufferSize;
        private Duration flushInterval;
        private Overflow overflow;
        private PrintStream target;
        private Path file;
        private String syslogHost;
        private int syslogPort;

        private Builder() {
        }

        /**
         * Sets the root level by aiomisc's name: {@code debug}, {@code info}, {@code warning}/{@code warn},
         * {@code error}, {@code critical}/{@code fatal}, or {@code trace}/{@code notset}, in any case.
         *
         * @param name the level name
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if the name is unknown (the message lists the valid ones)
         * @throws IllegalStateException    if the level was already set
         */
        public Builder level(String name) {
            return level(Logs.parseLevel(name));
        }

        /**
         * Sets the root level (default {@link LogConfig#DEFAULT_LEVEL}).
         *
         * @param level the level
         * @return this builder
         * @throws NullPointerException  if {@code level} is null
         * @throws IllegalStateException if the level was already set
         */
        public Builder level(Level level) {
            Objects.requireNonNull(level, "level");
            once(this.level, "level");
            this.level = level;
            return this;
        }

        /**
         * Sets the format (default {@link LogFormat#AUTO}, or {@link LogFormat#SYSLOG} after
         * {@link #syslog(String, int)}).
         *
         * @param format the format
         * @return this builder
         * @throws NullPointerException  if {@code format} is null
         * @throws IllegalStateException if the format was already set, or if it is {@code SYSLOG} and a target or
         *                               file was set, or if it is not {@code SYSLOG} and a syslog address was set
         */
        public Builder format(LogFormat format) {
            Objects.requireNonNull(format, "format");
            once(this.format, "format");
            if (format == LogFormat.SYSLOG && (target != null || file != null)) {
                throw new IllegalStateException("format SYSLOG sends to a syslog host; a "
                        + (file != null ? "file" : "target") + " was already set");
            }
            if (format != LogFormat.SYSLOG && syslogHost != null) {
                throw new IllegalStateException("syslog(...) was set, so the format must be SYSLOG, was " + format);
            }
            this.format = format;
            return this;
        }

        /**
         * Sets whether records are written by a {@link BufferedAppender} on its own thread (default true) or
         * synchronously on the logging thread.
         *
         * @param buffered whether to buffer
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder buffered(boolean buffered) {
            once(this.buffered, "buffered");
            this.buffered = buffered;
            return this;
        }

        /**
         * Sets the buffer's capacity in records and the flush-by-size threshold (default
         * {@link LogConfig#DEFAULT_BUFFER_SIZE}).
         *
         * @param bufferSize records, 1 to {@link LogConfig#MAX_BUFFER_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if {@code bufferSize} is out of range
         * @throws IllegalStateException    if it was already set
         */
        public Builder bufferSize(int bufferSize) {
            checkBufferSize(bufferSize);
            once(this.bufferSize, "bufferSize");
            this.bufferSize = bufferSize;
            return this;
        }

        /**
         * Sets the longest a buffered record waits before it is written and flushed (default
         * {@link LogConfig#DEFAULT_FLUSH_INTERVAL}).
         *
         * @param flushInterval a positive duration
         * @return this builder
         * @throws NullPointerException     if {@code flushInterval} is null
         * @throws IllegalArgumentException if it is zero or negative
         * @throws IllegalStateException    if it was already set
         */
        public Builder flushInterval(Duration flushInterval) {
            Objects.requireNonNull(flushInterval, "flushInterval");
            checkFlushInterval(flushInterval);
            once(this.flushInterval, "flushInterval");
            this.flushInterval = flushInterval;
            return this;
        }

        /**
         * Sets what happens when the buffer is full (default {@link Overflow#BLOCK}).
         *
         * @param overflow the policy
         * @return this builder
         * @throws NullPointerException  if {@code overflow} is null
         * @throws IllegalStateException if it was already set
         */
        public Builder overflow(Overflow overflow) {
            Objects.requireNonNull(overflow, "overflow");
            once(this.overflow, "overflow");
            this.overflow = overflow;
            return this;
        }

        /**
         * Writes to this stream (default {@code System.err}, read when {@link #build()} runs). The stream is
         * flushed but never closed.
         *
         * @param target the stream
         * @return this builder
         * @throws NullPointerException  if {@code target} is null
         * @throws IllegalStateException if a target, a file or a syslog address was already set, or the format is
         *                               {@code SYSLOG}
         */
        public Builder target(PrintStream target) {
            Objects.requireNonNull(target, "target");
            destinationNotSet("target");
            this.target = target;
            return this;
        }

        /**
         * Appends to this file, creating it and its missing parent directories.
         *
         * @param file the file
         * @return this builder
         * @throws NullPointerException  if {@code file} is null
         * @throws IllegalStateException if a target, a file or a syslog address was already set, or the format is
         *                               {@code SYSLOG}
         */
        public Builder file(Path file) {
            Objects.requireNonNull(file, "file");
            destinationNotSet("file");
            this.file = file;
            return this;
        }

        /**
         * Sends to this syslog host and UDP port (default {@code localhost:514}); implies
         * {@link LogFormat#SYSLOG} unless a format is set.
         *
         * @param host the host name or address
         * @param port the UDP port, 1 to 65535
         * @return this builder
         * @throws NullPointerException     if {@code host} is null
         * @throws IllegalArgumentException if {@code host} is blank or {@code port} is out of range
         * @throws IllegalStateException    if a target, a file or a syslog address was already set, or a format
         *                                  other than {@code SYSLOG} was set
         */
        public Builder syslog(String host, int port) {
            Objects.requireNonNull(host, "host");
            checkSyslog(host, port);
            destinationNotSet("syslog");
            if (format != null && format != LogFormat.SYSLOG) {
                throw new IllegalStateException("syslog(...) needs format SYSLOG, the format was set to " + format);
            }
            this.syslogHost = host;
            this.syslogPort = port;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public LogConfig build() {
            LogFormat effectiveFormat = format != null ? format
                    : syslogHost != null ? LogFormat.SYSLOG : LogFormat.AUTO;
            return new LogConfig(
                    level != null ? level : DEFAULT_LEVEL,
                    effectiveFormat,
                    buffered == null || buffered,
                    bufferSize != null ? bufferSize : DEFAULT_BUFFER_SIZE,
                    flushInterval != null ? flushInterval : DEFAULT_FLUSH_INTERVAL,
                    overflow != null ? overflow : Overflow.BLOCK,
                    file == null ? (target != null ? target : System.err) : null,
                    file,
                    syslogHost != null ? syslogHost : DEFAULT_SYSLOG_HOST,
                    syslogHost != null ? syslogPort : DEFAULT_SYSLOG_PORT);
        }

        private void destinationNotSet(String option) {
            String already = target != null ? "target" : file != null ? "file" : syslogHost != null ? "syslog" : null;
            if (already != null) {
                throw new IllegalStateException("cannot set " + option + ": " + already + " was already set");
            }
            if (!option.equals("syslog") && format == LogFormat.SYSLOG) {
                throw new IllegalStateException("cannot set " + option + ": the format is SYSLOG");
            }
        }

        private static void once(Object current, String option) {
            if (current != null) {
                throw new IllegalStateException(option + " was already set to " + current);
            }
        }
    }
}
