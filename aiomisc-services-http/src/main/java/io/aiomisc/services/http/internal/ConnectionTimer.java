package io.aiomisc.services.http.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The one timer of a connection, for its idle timeout and every request timeout. It is only ever moved to an earlier
 * time: each request's deadline is later than the one before, so in steady state a request schedules and cancels
 * nothing (a Netty timer per request cost more than a whole EVENT_LOOP request). When it fires, the connection checks
 * every deadline and sets the timer for the next one.
 *
 * <p>Confined to the connection's event loop.
 */
final class ConnectionTimer {
    private final EventExecutor loop;
    private final Runnable check;
    private ScheduledFuture<?> future;
    private long due;

    /**
     * Creates an unset timer.
     *
     * @param loop  the connection's event loop
     * @param check what runs when the timer fires; it calls {@link #fired()} first
     */
    ConnectionTimer(EventExecutor loop, Runnable check) {
        this.loop = loop;
        this.check = check;
    }

    /** Makes the timer fire no later than {@code due} ({@link System#nanoTime()}). */
    void fireBy(long due) {
        if (future != null) {
            if (due - this.due >= 0) {
                return;
            }
            future.cancel(false);
        }
        this.due = due;
        future = loop.schedule(check, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** The timer fired: it is unset until the next {@link #fireBy}. */
    void fired() {
        future = null;
    }

    void cancel() {
        if (future != null) {
            future.cancel(false);
            future = null;
        }
    }
}
