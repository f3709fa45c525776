package io.aiomisc.services.tcp.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Debug mode's check of the event loops: every loop runs a heartbeat task at a short period; a watchdog thread
 * that finds a heartbeat older than the threshold reports the loop as stalled, once per stall, with the stack of
 * the task that blocks it. Blocking an event loop (a slow handler, a blocking call in a pipeline) delays every
 * connection on it, and this names the culprit while it is still running.
 */
public final class StallWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StallWatchdog.class);

    /**
     * One stall: which loop thread, for how long so far, and where it is.
     *
     * @param thread  the event-loop thread
     * @param stalled how long its heartbeat has been overdue
     * @param stack   where the thread was when the stall was seen
     */
    public record Stall(Thread thread, Duration stalled, StackTraceElement[] stack) {
    }

    private static final class Heartbeat {
        private volatile long lastBeat = System.nanoTime();
        private volatile Thread thread;
        private volatile boolean reported;
        private ScheduledFuture<?> task;
    }

    private final List<Heartbeat> heartbeats = new ArrayList<>();
    private final long thresholdNanos;
    private final Consumer<Stall> onStall;
    private final Thread watcher;

    /**
     * Starts watching a group.
     *
     * @param group     the loops to watch
     * @param threshold how late a heartbeat may be before the loop counts as stalled
     * @param onStall   what to do about a stall; {@link #log(Stall)} logs it at WARN
     */
    public StallWatchdog(EventLoopGroup group, Duration threshold, Consumer<Stall> onStall) {
        this.thresholdNanos = threshold.toNanos();
        this.onStall = onStall;
        long periodNanos = Math.max(1, thresholdNanos / 4);
        for (EventExecutor loop : group) {
            Heartbeat heartbeat = new Heartbeat();
            heartbeat.task = loop.scheduleAtFixedRate(() -> {
                heartbeat.thread = Thread.currentThread();
                heartbeat.lastBeat = System.nanoTime();
                heartbeat.reported = false;
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            heartbeats.add(heartbeat);
        }
        watcher = Thread.ofPlatform().daemon().name("aiomisc-netty-watchdog").start(() -> watch(periodNanos));
    }

    private void watch(long periodNanos) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TimeUnit.NANOSECONDS.sleep(periodNanos);
                long now = System.nanoTime();
                for (Heartbeat heartbeat : heartbeats) {
                    long late = now - heartbeat.lastBeat;
                    Thread thread = heartbeat.thread;
                    if (late > thresholdNanos && !heartbeat.reported && thread != null) {
                        heartbeat.reported = true;
                        onStall.accept(new Stall(thread, Duration.ofNanos(late), thread.getStackTrace()));
                    }
                }
            }
        } catch (InterruptedException e) {
            // Closed.
        }
    }

    /**
     * Logs a stall at WARN with the blocking stack.
     *
     * @param stall the stall
     */
    public static void log(Stall stall) {
        LOG.warn("Netty event loop {} has been blocked for {} ms by a task (debug mode reports tasks over the "
                        + "threshold); it is at:\n\t{}", stall.thread().getName(), stall.stalled().toMillis(),
                Arrays.stream(stall.stack()).map(String::valueOf).collect(Collectors.joining("\n\t")));
    }

    /** Stops watching. The watcher thread ends on its own within one period. */
    @Override
    public void close() {
        watcher.interrupt();
        for (Heartbeat heartbeat : heartbeats) {
            heartbeat.task.cancel(false);
        }
    }
}
