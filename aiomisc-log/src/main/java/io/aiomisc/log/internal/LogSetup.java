package io.aiomisc.log.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.aiomisc.log.LogConfig;
import io.aiomisc.log.LogFormat;
import io.aiomisc.log.LogHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Does the work of {@code Logs.configure}. */
public final class LogSetup {

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile RootRoute route;
    private static boolean shutdownHookInstalled; // guarded by LOCK

    private LogSetup() {
    }

    public static LogHandle configure(LogConfig config) {
        LOCK.lock();
        try {
            LoggerContext context = loggerContext();
            LogFormat format = resolve(config);
            Appender<ILoggingEvent> output = Outputs.open(context, config, format);
            Pipeline pipeline;
            try {
                pipeline = Pipeline.create(context, output, config);
            } catch (RuntimeException e) {
                output.stop();
                throw e;
            }
            JulBridge.install(context);
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.fromLocationAwareLoggerInteger(config.level().toInt()));
            RootRoute current = routeOn(root, context);
            Pipeline previous = current.swap(pipeline);
            detachOthers(root, current);
            if (previous != null) {
                previous.retire();
            }
            installShutdownHook();
            return pipeline;
        } finally {
            LOCK.unlock();
        }
    }

    private static LogFormat resolve(LogConfig config) {
        if (config.format() != LogFormat.AUTO) {
            return config.format();
        }
        return config.file() != null ? LogFormat.PLAIN : AutoFormat.detect(config.target());
    }

    private static LoggerContext loggerContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            return context;
        }
        throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
                + ", not to logback; aiomisc-log configures logback: keep logback-classic as the only SLF4J provider");
    }

    private static RootRoute routeOn(Logger root, LoggerContext context) {
        if (root.getAppender(RootRoute.NAME) instanceof RootRoute existing && existing.isStarted()) {
            route = existing;
            return existing;
        }
        RootRoute created = new RootRoute();
        created.setContext(context);
        created.start();
        root.addAppender(created);
        route = created;
        return created;
    }

    /** Appenders from a logback.xml or logback's default console appender would print everything twice. */
    private static void detachOthers(Logger root, RootRoute keep) {
        List<Appender<ILoggingEvent>> others = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender != keep) {
                others.add(appender);
            }
        }
        for (Appender<ILoggingEvent> appender : others) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    /** Writes out what is still buffered when the JVM exits; later records are written synchronously. */
    private static void installShutdownHook() {
        if (shutdownHookInstalled) {
            return;
        }
        Thread hook = new Thread(() -> {
            RootRoute current = route;
            Pipeline pipeline = current == null ? null : current.pipeline();
            if (pipeline != null) {
                pipeline.close();
            }
        }, "aiomisc-log-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHookInstalled = true;
    }
}
