/**
 * Logging for aiomisc: {@link io.aiomisc.log.Logs#configure(io.aiomisc.log.LogConfig)} sets up logback in code
 * (colour, plain, JSON, journald or syslog output, the JUL bridge) and {@link io.aiomisc.log.BufferedAppender}
 * moves the writing off the logging threads without losing records.
 */
module io.aiomisc.log {
    requires transitive org.slf4j;
    // BufferedAppender is a logback Appender: logback types appear in its public signatures.
    requires transitive ch.qos.logback.classic;
    requires transitive ch.qos.logback.core;
    requires jul.to.slf4j;
    requires java.logging;
    requires org.jctools.core;

    exports io.aiomisc.log;
}
