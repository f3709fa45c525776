package io.aiomisc.log;

/**
 * How {@link Logs#configure(LogConfig)} renders records.
 *
 * <p>Every text format shows the time, the level, the thread, the logger, the message and, when there is one,
 * the exception with its stack trace.
 */
public enum LogFormat {
    /**
     * Chosen when configuring: {@link #JOURNALD} when standard error is the journal stream named by the
     * {@code JOURNAL_STREAM} environment variable, {@link #COLOR} when it is a terminal, {@link #PLAIN} otherwise
     * (and always {@link #PLAIN} for a file or a stream other than {@code System.err} / {@code System.out}).
     * A terminal is recognised by where {@code /proc/self/fd/N} points, not by {@code System.console()}, which
     * is non-null on JDK 22+ even when the output is redirected.
     */
    AUTO,
    /** {@link #PLAIN} with ANSI colours: the level coloured by severity, the message bold from WARN up. */
    COLOR,
    /**
     * One readable line per record: {@code 2024-05-01 12:00:00.123 INFO  [main] com.example.App - message}; a
     * stack trace, and line breaks in the message itself, continue on the following lines.
     */
    PLAIN,
    /**
     * One JSON object per line with {@code timestamp} (ISO-8601 with offset), {@code level}, {@code logger},
     * {@code thread}, {@code message}, {@code mdc} (when not empty) and {@code exception} (when present:
     * {@code class}, {@code message}, {@code stackTrace}). Written to the same target as every other format.
     */
    JSON,
    /**
     * {@link #PLAIN} without the time (the journal stamps each entry) and with the sd-daemon priority prefix
     * ({@code <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug and trace) on every line,
     * stack-trace lines included, so that the journal files each line at the record's priority.
     */
    JOURNALD,
    /**
     * RFC 3164 messages over UDP through logback's {@code SyslogAppender}, facility USER, to the host and port
     * given by {@link LogConfig.Builder#syslog(String, int)}.
     */
    SYSLOG
}
