package io.aiomisc.log.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

/**
 * The human formats: {@code PLAIN}, {@code COLOR} (ANSI) and {@code JOURNALD} (sd-daemon priority prefixes).
 * Thread-safe.
 */
public final class TextEncoder extends LineEncoder {
    /** At most 3 UTF-8 bytes per char (a surrogate pair: 4 per 2), so 16,000 chars stay under journald's 48K. */
    static final int JOURNAL_CHARS_PER_LINE = 16_000;


    /** The variant of the text format. */
    public enum Style { PLAIN, COLOR, JOURNALD }

    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BLUE = "\u001b[34m";
    private static final String CYAN = "\u001b[36m";

    private final Style style;
    private final Timestamps timestamps = Timestamps.readable();

    public TextEncoder(Style style) {
        super(160);
        this.style = style;
    }

    @Override
    void write(StringBuilder out, ILoggingEvent event) {
        switch (style) {
            case PLAIN -> plain(out, event);
            case COLOR -> color(out, event);
            case JOURNALD -> journald(out, event);
        }
    }

    private void plain(StringBuilder out, ILoggingEvent event) {
        timestamps.append(out, event.getTimeStamp());
        out.append(' ');
        appendLevel(out, event.getLevel());
        out.append(" [").append(event.getThreadName()).append("] ").append(event.getLoggerName())
                .append(" - ").append(event.getFormattedMessage()).append('\n');
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            appendStackTrace(out, throwable);
        }
    }

    private void color(StringBuilder out, ILoggingEvent event) {
        Level level = event.getLevel();
        out.append(DIM);
        timestamps.append(out, event.getTimeStamp());
        out.append(RESET).append(' ').append(colorOf(level));
        appendLevel(out, level);
        out.append(RESET).append(" [").append(event.getThreadName()).append("] ")
                .append(BLUE).append(event.getLoggerName()).append(RESET).append(" - ");
        boolean loud = level.isGreaterOrEqual(Level.WARN);
        if (loud) {
            out.append(BOLD);
        }
        out.append(event.getFormattedMessage());
        if (loud) {
            out.append(RESET);
        }
        out.append('\n');
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            out.append(RED);
            appendStackTrace(out, throwable);
            out.append(RESET);
        }
    }

    private static void journald(StringBuilder out, ILoggingEvent event) {
        String prefix = "<" + priorityOf(event.getLevel()) + ">";
        StringBuilder line = new StringBuilder(128);
        appendLevel(line, event.getLevel());
        line.append(" [").append(event.getThreadName()).append("] ").append(event.getLoggerName())
                .append(" - ").append(event.getFormattedMessage()).append('\n');
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            appendStackTrace(line, throwable);
        }
        // The journal splits its stream at newlines, at NUL bytes and after LineMax (48K bytes by default); a piece
        // without a prefix would be filed at the default level. So each of those pieces gets its own prefix.
        int start = 0;
        int length = line.length();
        while (start < length) {
            int end = start;
            while (end < length && end - start < JOURNAL_CHARS_PER_LINE && line.charAt(end) != '\n'
                    && line.charAt(end) != '\0') {
                end++;
            }
            if (end < length && end - start == JOURNAL_CHARS_PER_LINE && Character.isLowSurrogate(line.charAt(end))) {
                end--; // keep a surrogate pair together
            }
            out.append(prefix).append(line, start, end).append('\n');
            boolean broken = end < length && (line.charAt(end) == '\n' || line.charAt(end) == '\0');
            start = broken ? end + 1 : end;
        }
    }

    /** The sd-daemon priority: 3 err, 4 warning, 6 info, 7 debug. */
    static int priorityOf(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    private static String colorOf(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> BOLD_RED;
            case Level.WARN_INT -> YELLOW;
            case Level.INFO_INT -> GREEN;
            case Level.DEBUG_INT -> CYAN;
            default -> DIM;
        };
    }

    private static void appendLevel(StringBuilder out, Level level) {
        String name = level.toString();
        out.append(name);
        for (int i = name.length(); i < 5; i++) {
            out.append(' ');
        }
    }

    private static void appendStackTrace(StringBuilder out, IThrowableProxy throwable) {
        String trace = ThrowableProxyUtil.asString(throwable);
        out.append(trace);
        if (!trace.endsWith("\n")) {
            out.append('\n');
        }
    }
}
