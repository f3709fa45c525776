package io.aiomisc.log.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes {@code java.util.logging} into SLF4J, once per JVM, and keeps JUL's levels in step with logback's. */
final class JulBridge {

    private JulBridge() {
    }

    /** Idempotent; the caller serialises calls. */
    static void install(LoggerContext context) {
        boolean propagating = context.getCopyOfListenerList().stream()
                .anyMatch(LevelChangePropagator.class::isInstance);
        if (!propagating) {
            // Without it JUL keeps its own levels: debug records would be dropped before reaching the bridge,
            // or built at great cost only to be dropped by logback.
            LevelChangePropagator propagator = new LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger(); // JUL's ConsoleHandler would print everything twice
            SLF4JBridgeHandler.install();
        }
    }
}
