package io.aiomisc.services.tcp.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The accepted channels of one Netty server engine (raw TCP, HTTP): admits them up to the connection limit,
 * closes the ones that arrive while the server stops, and runs the graceful stop (close the listener, let open
 * channels finish for the grace period, close the rest, wait until their close handling on the event loops is
 * over).
 *
 * <p>Thread-safe; only {@link #stop} blocks.
 */
public final class NettyConnections {
    /** What {@link #admit(Channel)} decided. */
    public enum Admission {
        /** Tracked until it closes; set up its pipeline. */
        ADMITTED,
        /** The limit is reached: not tracked and still open; the caller answers or closes it. */
        FULL,
        /** The server is stopping: already closed. */
        STOPPING
    }

    private final String name;
    private final Logger log;
    private final Duration gracePeriod;
    private final ConnectionTracker<Channel> tracker;
    private final ConnectionLog connectionLog;
    private volatile boolean stopping;

    /**
     * Creates the connections of one engine.
     *
     * @param name           the server's name, for log lines
     * @param log            where to write them
     * @param maxConnections the most channels open at once, at least 1
     * @param gracePeriod    how long the stop lets open channels finish
     * @throws IllegalArgumentException if {@code maxConnections < 1}
     */
    public NettyConnections(String name, Logger log, int maxConnections, Duration gracePeriod) {
        this.name = Objects.requireNonNull(name, "name");
        this.log = Objects.requireNonNull(log, "log");
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
        this.tracker = new ConnectionTracker<>(maxConnections);
        this.connectionLog = new ConnectionLog(log, name, maxConnections);
    }

    /**
     * Admits an accepted channel; call it from the child initializer, on the channel's event loop.
     *
     * @param channel the accepted channel
     * @return the decision
     */
    public Admission admit(Channel channel) {
        if (!tracker.tryAdd(channel)) {
            return Admission.FULL;
        }
        channel.closeFuture().addListener(f -> tracker.remove(channel));
        // Checked after tryAdd: either the stop sees this channel in the tracker, or this sees the stop.
        if (stopping) {
            channel.close();
            return Admission.STOPPING;
        }
        connectionLog.admitted();
        return Admission.ADMITTED;
    }

    /**
     * Returns the log lines about connections (refusals, handler failures), worded alike for every server.
     *
     * @return the connection log
     */
    public ConnectionLog log() {
        return connectionLog;
    }

    /**
     * Returns the number of open channels.
     *
     * @return the count now
     */
    public int size() {
        return tracker.size();
    }

    /**
     * Stops: closes the listener (the port is free when this returns), runs {@code drain} on the event loop of
     * every open channel, lets them finish for the grace period, then closes the rest and waits until they are
     * closed and the close handling queued on their loops has run. Channels that outlive the grace period are
     * logged: at WARN when they were asked to finish ({@code drain} given), else at INFO.
     *
     * @param listener the listening channel, or null if the engine never bound
     * @param group    the event loops the channels run on
     * @param drain    asks one channel to finish (on its loop), or null to let channels end on their own
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop(Channel listener, EventLoopGroup group, Consumer<Channel> drain) throws InterruptedException {
        stopping = true;
        if (listener == null) {
            return;
        }
        listener.close().await();
        if (drain != null) {
            for (Channel channel : tracker.snapshot()) {
                channel.eventLoop().execute(() -> drain.accept(channel));
            }
        }
        if (!tracker.awaitEmpty(gracePeriod)) {
            List<Channel> late = tracker.snapshot();
            if (drain != null) {
                log.warn("{}: closing {} connection(s) that did not finish within the grace period of {}",
                        name, late.size(), gracePeriod);
            } else {
                log.info("{}: closing {} connection(s) still open after the grace period of {}",
                        name, late.size(), gracePeriod);
            }
            for (Channel channel : late) {
                channel.close();
            }
            tracker.awaitEmpty(null);
        }
        // Close listeners run on the channels' loops in the task that closed them: a task queued behind that one
        // on every loop means the pipelines' own close handling is over when stop returns.
        for (EventExecutor loop : group) {
            loop.submit(() -> { }).await();
        }
    }
}
