package io.aiomisc.log.snippets;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.aiomisc.log.BufferedAppender;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogFormat;
import io.aiomisc.log.LogHandle;
import io.aiomisc.log.Logs;
import io.aiomisc.log.Overflow;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/** The code blocks of docs/log.md, which quotes the regions between the tag comments (scripts/docs-sync.sh). */
final class LogSnippets {
    private LogSnippets() {
    }

    @SuppressWarnings("try") // the handle is only opened and closed: that is what the block shows
    static void configure() {
        // tag::configure[]
        try (LogHandle logs = Logs.configure(LogConfig.builder().level("debug").build())) {
            LoggerFactory.getLogger("app").info("started");
        }   // close(): writes out what is buffered; later records are written synchronously
        // end::configure[]
    }

    static void outputs() {
        // tag::outputs[]
        // standard error (the default target); AUTO picks COLOR, JOURNALD or PLAIN
        Logs.configure(LogConfig.builder().build());

        // any PrintStream, in any format; the stream is flushed, never closed
        Logs.configure(LogConfig.builder().format(LogFormat.JSON).target(System.out).build());

        // a file: created with its missing parent directories, then appended to
        Logs.configure(LogConfig.builder().format(LogFormat.PLAIN).file(Path.of("logs", "app.log")).build());

        // syslog: RFC 3164 over UDP; syslog(...) implies format SYSLOG
        Logs.configure(LogConfig.builder().level("warning").syslog("logs.example.com", 514).build());

        // a colour terminal or the journal, chosen explicitly
        Logs.configure(LogConfig.builder().format(LogFormat.COLOR).build());
        Logs.configure(LogConfig.builder().format(LogFormat.JOURNALD).overflow(Overflow.DROP).build());
        // end::outputs[]
    }

    static void bufferedAppender() {
        // tag::buffered-appender[]
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %-5level [%thread] %logger - %msg%n");   // no %file, %line: not captured
        encoder.start();

        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile("logs/app.log");
        file.setEncoder(encoder);
        file.start();                                   // the wrapped appender must be started first

        BufferedAppender buffered = new BufferedAppender(file, 4096, Duration.ofMillis(500), Overflow.BLOCK);
        buffered.setContext(context);
        buffered.start();                               // starts aiomisc-log-writer
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(buffered);
        // end::buffered-appender[]
    }
}
