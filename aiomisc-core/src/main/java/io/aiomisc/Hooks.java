package io.aiomisc;

import io.aiomisc.spi.EntrypointPlugin;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle hooks of one entrypoint: its copies of the process-wide signals, the plugins, and its own
 * receivers, called in that order. A receiver that throws is logged and recorded; the others still run.
 */
final class Hooks {
    private static final Logger LOG = LoggerFactory.getLogger(Entrypoint.class);

    /** The four hook points. */
    enum Point {
        PRE_START,
        POST_START,
        PRE_STOP,
        POST_STOP
    }

    private final Map<Point, Signal<LifecycleEvent>> global;
    private final Map<Point, Signal<LifecycleEvent>> own;
    private final List<EntrypointPlugin> plugins;

    Hooks(Map<Point, Signal<LifecycleEvent>> global, Map<Point, Signal<LifecycleEvent>> own,
          List<EntrypointPlugin> plugins) {
        this.global = new EnumMap<>(global);
        this.own = new EnumMap<>(own);
        this.plugins = List.copyOf(plugins);
    }

    /** Makes the receivers final, as aiomisc freezes its copies when the entrypoint starts. */
    void freeze() {
        global.values().forEach(Signal::freeze);
        own.values().forEach(Signal::freeze);
    }

    List<EntrypointPlugin> plugins() {
        return plugins;
    }

    /**
     * Calls every receiver of {@code point}.
     *
     * @param point    the hook point
     * @param event    the event
     * @param failures where failures are recorded
     * @param source   the source to record them under
     * @return true if every receiver returned normally
     */
    boolean fire(Point point, LifecycleEvent event, Failures failures, Object source) {
        boolean ok = true;
        for (Consumer<? super LifecycleEvent> receiver : global.get(point).receivers()) {
            ok &= call(point, "receiver of Entrypoint." + point, () -> receiver.accept(event), failures, source);
        }
        for (EntrypointPlugin plugin : plugins) {
            ok &= call(point, "plugin " + plugin.getClass().getName(), () -> callPlugin(plugin, point, event),
                    failures, source);
        }
        for (Consumer<? super LifecycleEvent> receiver : own.get(point).receivers()) {
            ok &= call(point, "on" + camel(point) + " receiver", () -> receiver.accept(event), failures, source);
        }
        return ok;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static boolean call(Point point, String who, Call call, Failures failures, Object source) {
        try {
            call.run();
            return true;
        } catch (Throwable error) {
            LOG.error("{} hook failed: {}", point, who, error);
            failures.add(source, point + " hook failed (" + who + ")", error);
            return false;
        }
    }

    private static void callPlugin(EntrypointPlugin plugin, Point point, LifecycleEvent event) throws Exception {
        switch (point) {
            case PRE_START -> plugin.preStart(event);
            case POST_START -> plugin.postStart(event);
            case PRE_STOP -> plugin.preStop(event);
            case POST_STOP -> plugin.postStop(event);
            default -> throw new IllegalArgumentException("point " + point);
        }
    }

    private static String camel(Point point) {
        return switch (point) {
            case PRE_START -> "PreStart";
            case POST_START -> "PostStart";
            case PRE_STOP -> "PreStop";
            case POST_STOP -> "PostStop";
        };
    }
}
