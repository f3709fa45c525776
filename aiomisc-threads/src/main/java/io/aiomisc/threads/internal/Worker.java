package io.aiomisc.threads.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pool thread: its idle-stack state and its statistics.
 *
 * <p>Statistics fields are written only by the worker's own thread (opaque stores, no fences on
 * the hot path) and read by {@code statistics()} from any thread (opaque loads). Summing per-worker
 * counters keeps the completion path free of shared atomic counters.
 */
final class Worker {

    /** Not on the idle stack. */
    static final int ACTIVE = 0;
    /** On the idle stack, parked or about to park; a popper must unpark it. */
    static final int PARKING = 1;
    /** Still on the idle stack, but found a task after pushing itself and is running it. */
    static final int RESCUED = 2;
    /** The thread has ended; a popper skips it. */
    static final int EXITED = 3;

    private static final long NOT_BUSY = Long.MIN_VALUE;
    private static final VarHandle STATE = FieldHandles.find(MethodHandles.lookup(), Worker.class, "state", int.class);
    private static final VarHandle COMPLETED =
            FieldHandles.find(MethodHandles.lookup(), Worker.class, "completed", long.class);
    private static final VarHandle FAILED =
            FieldHandles.find(MethodHandles.lookup(), Worker.class, "failed", long.class);
    private static final VarHandle BUSY_NANOS =
            FieldHandles.find(MethodHandles.lookup(), Worker.class, "busyNanos", long.class);
    private static final VarHandle BUSY_SINCE =
            FieldHandles.find(MethodHandles.lookup(), Worker.class, "busySince", long.class);

    /** 1-based; 0 is the idle stack's "no worker" link. */
    final int id;
    final Thread thread;
    /** The id of the worker below this one on the idle stack; published by the push CAS. */
    int next;

    private volatile int state;
    private long completed;
    private long failed;
    private long busyNanos;
    private long busySince = NOT_BUSY;

    Worker(int id, Thread.Builder builder, PoolEngine engine) {
        this.id = id;
        this.thread = builder.unstarted(() -> engine.runWorker(this));
    }

    int state() {
        return state;
    }

    void state(int newState) {
        state = newState;
    }

    boolean compareAndSetState(int expected, int newState) {
        return STATE.compareAndSet(this, expected, newState);
    }

    int getAndSetState(int newState) {
        return (int) STATE.getAndSet(this, newState);
    }

    /** Owner thread only: counts the outcome of a task that was run. */
    void record(int outcome) {
        if (outcome == PoolTask.COMPLETED) {
            COMPLETED.setOpaque(this, completed + 1);
        } else if (outcome == PoolTask.FAILED) {
            FAILED.setOpaque(this, failed + 1);
        }
    }

    /** Owner thread only: opens a busy period unless one is open (reads the clock only on an idle-to-busy edge). */
    void busy() {
        if (busySince == NOT_BUSY) {
            BUSY_SINCE.setOpaque(this, System.nanoTime());
        }
    }

    /** Owner thread only: closes the open busy period, if any. */
    void idle() {
        long since = busySince;
        if (since != NOT_BUSY) {
            BUSY_NANOS.setOpaque(this, busyNanos + Math.max(0L, System.nanoTime() - since));
            BUSY_SINCE.setOpaque(this, NOT_BUSY);
        }
    }

    long completed() {
        return (long) COMPLETED.getOpaque(this);
    }

    long failed() {
        return (long) FAILED.getOpaque(this);
    }

    /** Busy time so far, including the open period measured up to {@code now}. */
    long busyNanos(long now) {
        long total = (long) BUSY_NANOS.getOpaque(this);
        long since = (long) BUSY_SINCE.getOpaque(this);
        if (since != NOT_BUSY) {
            total += Math.max(0L, now - since);
        }
        return total;
    }
}
