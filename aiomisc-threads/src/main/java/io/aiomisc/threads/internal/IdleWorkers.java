package io.aiomisc.threads.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The idle side of the pool: a lock-free LIFO stack of parked workers, so that a submit wakes
 * exactly one of them (the most recently parked, whose caches are warmest), and the single
 * "spinner" slot of the worker that polls the queue for a while before it parks.
 *
 * <p>The stack is a Treiber stack of worker ids. Its top is one {@code long}: the id of the top
 * worker in the low 32 bits and a stamp in the high 32 bits that every push and pop increments,
 * so a pop that read a stale top fails its CAS instead of corrupting the stack (ABA), without
 * allocating a node per push. A worker's {@link Worker#state() state} tells a popper whether it
 * really is parked ({@link Worker#PARKING}) or found work after pushing itself
 * ({@link Worker#RESCUED}); only the former is unparked, the latter is skipped.
 */
final class IdleWorkers {

    private static final VarHandle TOP;
    private static final VarHandle SPINNERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TOP = lookup.findVarHandle(IdleWorkers.class, "top", long.class);
            SPINNERS = lookup.findVarHandle(IdleWorkers.class, "spinners", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Worker[] workers;
    @SuppressWarnings("unused") // accessed through TOP
    private volatile long top;
    private volatile int spinners;

    /** @param workers the pool's workers; worker {@code i} has id {@code i + 1} */
    IdleWorkers(Worker[] workers) {
        this.workers = workers;
    }

    /** Claims the single spinner slot; false if another worker is spinning. */
    boolean tryStartSpinning() {
        return spinners == 0 && SPINNERS.compareAndSet(this, 0, 1);
    }

    /** Gives the spinner slot back; the caller must fence and poll the queue once more afterwards. */
    void stopSpinning() {
        spinners = 0;
    }

    /** True while a worker is spinning on the queue: that worker will see a newly offered task. */
    boolean anySpinning() {
        return spinners != 0;
    }

    /**
     * Makes {@code worker} findable by {@link #wakeOne()}: afterwards it is on the stack in state
     * {@link Worker#PARKING}. Called by the worker itself, never while it is already PARKING.
     */
    void register(Worker worker) {
        // A rescued worker is still on the stack: flipping it back to PARKING re-registers it. If a
        // popper took it off meanwhile, the popper left it ACTIVE and it must be pushed afresh.
        if (worker.state() == Worker.RESCUED && worker.compareAndSetState(Worker.RESCUED, Worker.PARKING)) {
            return;
        }
        worker.state(Worker.PARKING);
        push(worker);
    }

    /**
     * Called by a registered worker that found a task itself: it stays on the stack but is marked
     * RESCUED so a popper skips it. If a popper got there first the worker is ACTIVE (off the
     * stack) and a stray unpark may be on its way, which the worker's park loop tolerates.
     */
    void unregister(Worker worker) {
        worker.compareAndSetState(Worker.PARKING, Worker.RESCUED);
    }

    /** True while {@code worker} is registered and nobody has woken it. */
    boolean isParking(Worker worker) {
        return worker.state() == Worker.PARKING;
    }

    /** Wakes one parked worker, if there is one. */
    void wakeOne() {
        Worker worker;
        while ((worker = pop()) != null) {
            if (worker.getAndSetState(Worker.ACTIVE) == Worker.PARKING) {
                LockSupport.unpark(worker.thread);
                return;
            }
        }
    }

    /** Wakes every parked worker (shutdown). */
    void wakeAll() {
        Worker worker;
        while ((worker = pop()) != null) {
            if (worker.getAndSetState(Worker.ACTIVE) == Worker.PARKING) {
                LockSupport.unpark(worker.thread);
            }
        }
    }

    private void push(Worker worker) {
        long current;
        do {
            current = top;
            worker.next = idOf(current);
        } while (!TOP.compareAndSet(this, current, pack(stampOf(current) + 1, worker.id)));
    }

    private Worker pop() {
        for (;;) {
            long current = top;
            int id = idOf(current);
            if (id == 0) {
                return null;
            }
            Worker worker = workers[id - 1];
            // worker.next may be stale if the worker was popped and pushed again since we read top;
            // then top's stamp changed too and the CAS fails.
            if (TOP.compareAndSet(this, current, pack(stampOf(current) + 1, worker.next))) {
                return worker;
            }
        }
    }

    private static long pack(int stamp, int id) {
        return ((long) stamp << 32) | (id & 0xFFFF_FFFFL);
    }

    private static int idOf(long top) {
        return (int) top;
    }

    private static int stampOf(long top) {
        return (int) (top >>> 32);
    }
}
