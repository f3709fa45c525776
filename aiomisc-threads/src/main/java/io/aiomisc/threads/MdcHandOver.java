package io.aiomisc.threads;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * Hands the caller's SLF4J MDC to the thread that runs a task, and restores that thread's own MDC
 * afterwards, so log lines written by the task carry the caller's context (request ids...).
 */
final class MdcHandOver {

    private MdcHandOver() {
    }

    /**
     * Returns {@code task} itself when the caller's MDC is empty (nothing to hand over, nothing
     * allocated), else a callable that installs a copy of it around {@code task}.
     */
    static <T> Callable<T> wrap(Callable<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        if (context == null || context.isEmpty()) {
            return task;
        }
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(context);
            try {
                return task.call();
            } finally {
                if (previous == null || previous.isEmpty()) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }
}
