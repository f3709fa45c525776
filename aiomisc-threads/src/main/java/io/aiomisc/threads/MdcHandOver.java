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
     * Takes a copy of the calling thread's MDC, for a task that will be wrapped later (an iterator's
     * generator, which starts at the first read but belongs to the thread that created the iterator).
     *
     * @return the copy, or null when the MDC is empty (nothing to hand over)
     */
    static Map<String, String> capture() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null || context.isEmpty() ? null : context;
    }

    /** {@link #wrap(Map, Callable)} with the caller's MDC as it is now. */
    static <T> Callable<T> wrap(Callable<T> task) {
        return wrap(capture(), task);
    }

    /**
     * Returns {@code task} itself when {@code context} is null (nothing to hand over, nothing
     * allocated), else a callable that installs {@code context} around {@code task}.
     */
    static <T> Callable<T> wrap(Map<String, String> context, Callable<T> task) {
        if (context == null) {
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
