package io.aiomisc.threads.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The idle side of the pool: a lock-free LIFO stack of parked workers, so that a submit wakes
 * exactly one of them, and the spinner token.
 *
 * <p>The token is held by at most one worker: the one that polls the queue for a few
 * microseconds before it parks. While it spins, submitters wake nobody: the spinner will see
 * their tasks within microseconds, so a caller that submits again right after its previous
 * result costs no wake-up at all. Otherwise each submit wakes one parked worker, if any. The
 * spinner gives the token back with a full fence and then looks at the queue once more, which
 * closes the race with a submitter that saw it still spinning; a spinner that found a task hands
 * any backlog on to a parked worker. A spinner that overruns its spin by far has been
 * descheduled (an oversubscribed machine): submitters then wake a parked worker anyway rather
 * than leave their task to it.
 *
 * <p>The stack is a Treiber stack of worker ids. Its top is one {@code long}: the id of the top
 * worker in the low 32 bits and a stamp in the high 32 bits that every push and pop increments,
 * so a pop that read a stale top fails its CAS instead of corrupting the stack (ABA), without
 * allocating a node per push. The most recently parked worker, whose caches are warmest, is
 * woken first. A worker's {@link Worker#state() state} tells a popper whether it really is parked
 * ({@link Worker#PARKING}) or found work after pushing itself ({@link Worker#RESCUED}); only the
 * former is woken, the latter is dropped from the stack.
 */
final class IdleWorkers {

    /**
     * How long the spinner polls the queue before it parks. It must outlast a caller's wake-up
     * (tens of microseconds on a virtual machine): a caller that was parked when its result came
     * then still finds the spinner when it submits again, waits for that task by spinning, and the
     * round trips settle into hand-overs without any wake-up. With a shorter spin the pool can
     * settle into the opposite rhythm, where every task needs two wake-ups (measured on 2 vCPUs:
     * 10 us gave 70 to 300 ops/ms for one caller, 50 us 500 to 2,000). One worker spins at a time.
     */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * A spinner still holding the token this long after its spin should have ended has been
     * descheduled (an oversubscribed machine): submitters then wake a parked worker rather than
     * leave their task to it.
     */
    private static final long SPIN_OVERRUN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private static final int FREE = 0;
    private static final int SPINNING = 1;

    private static final VarHandle TOP =
            FieldHandles.find(MethodHandles.lookup(), IdleWorkers.class, "top", long.class);
    private static final VarHandle TOKEN =
            FieldHandles.find(MethodHandles.lookup(), IdleWorkers.class, "token", int.class);

    private final Worker[] workers;
    private volatile long top;
    /** FREE, or SPINNING while a worker holds the token. */
    private volatile int token;
    /** When the current spinner means to stop; written before the token is taken or switched to SPINNING. */
    private volatile long spinUntil;
    /** The thread holding the token, set right after taking it; only compared with the current thread. */
    private volatile Thread holder;

    /** @param workers the pool's workers; worker {@code i} has id {@code i + 1} */
    IdleWorkers(Worker[] workers) {
        this.workers = workers;
    }

    /** A worker going idle takes the token to spin; false if another worker holds it. */
    boolean tryStartSpinning() {
        if (token != FREE) {
            return false;
        }
        spinUntil = System.nanoTime() + SPIN_NANOS;
        if (TOKEN.compareAndSet(this, FREE, SPINNING)) {
            holder = Thread.currentThread();
            return true;
        }
        return false;
    }

    /** Whether the calling thread holds the token. */
    boolean holdsToken() {
        return holder == Thread.currentThread();
    }

    /**
     * Called by a thread about to block on a task of this pool. A worker that took the token before publishing
     * its result and now runs a dependent action that waits gives the token up and wakes a parked worker: tasks
     * submitted meanwhile skipped their wake-ups counting on it, and the one it waits for may be among them.
     */
    void beforeBlocking() {
        if (holdsToken()) {
            releaseToken();
            wakeOne();
        }
    }

    /** When the current spin should end (a {@link System#nanoTime()} value). */
    long spinUntil() {
        return spinUntil;
    }

    /**
     * Gives the token back, with the full fence after which the caller must look at the queue
     * once more (Dekker: submitters that saw the spinner skipped their wake-up).
     */
    void releaseToken() {
        holder = null;
        token = FREE;
        VarHandle.fullFence();
    }

    /** True while a worker is spinning on the queue: a task offered now is picked up within microseconds. */
    boolean anySpinning() {
        return token == SPINNING;
    }

    /**
     * Called by a submitter after it offered a task and issued a full fence: wakes a parked
     * worker unless the spinner will pick the task up. The spinner itself submitting (from a
     * dependent action it runs while publishing a result) wakes one too: it is not spinning.
     */
    void signal() {
        if (token == FREE || holdsToken() || System.nanoTime() - spinUntil > SPIN_OVERRUN_NANOS) {
            wakeOne();
        }
    }

    /** Wakes one parked worker, if there is one. */
    void wakeOne() {
        Worker worker;
        while ((worker = pop()) != null) {
            if (wake(worker)) {
                return;
            }
        }
    }

    /** Wakes every parked worker (shutdown). */
    void wakeAll() {
        Worker worker;
        while ((worker = pop()) != null) {
            wake(worker);
        }
    }

    /** Unparks a popped worker if it is parked, leaving it ACTIVE; false if it was not parked. */
    private static boolean wake(Worker worker) {
        for (;;) {
            int state = worker.state();
            if (state == Worker.PARKING) {
                if (worker.compareAndSetState(Worker.PARKING, Worker.ACTIVE)) {
                    LockSupport.unpark(worker.thread);
                    return true;
                }
            } else if (state == Worker.RESCUED) {
                if (worker.compareAndSetState(Worker.RESCUED, Worker.ACTIVE)) {
                    return false;
                }
            } else {
                return false;
            }
        }
    }

    /**
     * Makes {@code worker} findable by {@link #wakeOne()}: afterwards it is on the stack in state
     * {@link Worker#PARKING}. Called by the worker itself while ACTIVE or RESCUED.
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
     * Called by a registered worker that stops waiting without having parked (it found a task, or
     * the pool shut down): it stays on the stack, marked RESCUED so a popper skips it. If a popper
     * got there first the worker is ACTIVE (off the stack) and a stray unpark may be on its way,
     * which the worker's park loop tolerates.
     */
    void unregister(Worker worker) {
        worker.compareAndSetState(Worker.PARKING, Worker.RESCUED);
    }

    /** True while {@code worker} is registered and nobody has woken it. */
    boolean isParking(Worker worker) {
        return worker.state() == Worker.PARKING;
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
