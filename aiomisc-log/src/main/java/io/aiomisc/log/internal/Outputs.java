package io.aiomisc.log.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogFormat;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Opens the appender that writes a {@link LogConfig}'s format to its output. */
final class Outputs {

    /** Bytes buffered between the encoder and the target when the output is buffered. */
    private static final int STREAM_BUFFER_BYTES = 64 * 1024;

    private Outputs() {
    }

    /**
     * Returns a started appender.
     *
     * @throws IllegalStateException if it cannot start (the message carries logback's errors)
     */
    static Appender<ILoggingEvent> open(LoggerContext context, LogConfig config, LogFormat format) {
        Appender<ILoggingEvent> appender = format == LogFormat.SYSLOG
                ? syslog(context, config)
                : config.file() != null ? file(context, config, format) : stream(context, config, format);
        appender.start();
        if (!appender.isStarted()) {
            String errors = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(status -> status.getLevel() == Status.ERROR && isFrom(status, appender))
                    .map(Outputs::describe)
                    .collect(Collectors.joining("; "));
            throw new IllegalStateException("cannot open the log output " + destination(config, format)
                    + (errors.isEmpty() ? "" : ": " + errors));
        }
        return appender;
    }

    private static boolean isFrom(Status status, Object origin) {
        return status.getOrigin() == origin;
    }

    private static String describe(Status status) {
        Throwable cause = status.getThrowable();
        return status.getMessage() + (cause == null ? "" : " (" + cause + ")");
    }

    private static String destination(LogConfig config, LogFormat format) {
        if (format == LogFormat.SYSLOG) {
            return "syslog " + config.syslogHost() + ":" + config.syslogPort();
        }
        return config.file() != null ? "file " + config.file() : "stream " + config.target();
    }

    private static Appender<ILoggingEvent> syslog(LoggerContext context, LogConfig config) {
        SyslogAppender appender = new SyslogAppender();
        appender.setContext(context);
        appender.setName("aiomisc-syslog");
        appender.setSyslogHost(config.syslogHost());
        appender.setPort(config.syslogPort());
        appender.setFacility("USER");
        appender.setSuffixPattern("[%thread] %logger - %msg");
        appender.setCharset(StandardCharsets.UTF_8);
        return appender;
    }

    private static Appender<ILoggingEvent> file(LoggerContext context, LogConfig config, LogFormat format) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("aiomisc-file");
        appender.setFile(config.file().toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setBufferSize(new FileSize(STREAM_BUFFER_BYTES));
        appender.setEncoder(encoder(context, format)); // immediateFlush: off while a BufferedAppender owns it
        return appender;
    }

    private static Appender<ILoggingEvent> stream(LoggerContext context, LogConfig config, LogFormat format) {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("aiomisc-stream");
        NonClosingOutputStream target = new NonClosingOutputStream(config.target());
        appender.setOutputStream(config.buffered() ? new BufferedOutputStream(target, STREAM_BUFFER_BYTES) : target);
        appender.setEncoder(encoder(context, format));
        return appender;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        Encoder<ILoggingEvent> encoder = switch (format) {
            case JSON -> new JsonEncoder();
            case COLOR -> new TextEncoder(TextEncoder.Style.COLOR);
            case JOURNALD -> new TextEncoder(TextEncoder.Style.JOURNALD);
            case PLAIN, AUTO, SYSLOG -> new TextEncoder(TextEncoder.Style.PLAIN);
        };
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
