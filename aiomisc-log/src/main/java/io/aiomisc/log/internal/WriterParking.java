package io.aiomisc.log.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How the writer of a {@link LogBuffer} parks and how producers wake it. A Dekker pair: the writer stores how it
 * is about to park, issues a full fence and re-checks for work; a producer stores its record (the offer), issues
 * a full fence and reads how the writer parks. So either the writer sees the record or the producer sees the
 * writer parked, and no wake-up is lost. Only one producer wins the CAS back to awake and pays for the unpark.
 */
final class WriterParking {

    private static final int AWAKE = 0;
    private static final int UNTIMED = 1;
    private static final int TIMED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WriterParking.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = AWAKE;
    private volatile Thread writer;

    void bind(Thread writer) {
        this.writer = writer;
    }

    /**
     * Producer side, after a successful offer: wakes a writer parked untimed (it has nothing else to do), or one
     * parked until its flush is due if {@code urgent} says that cannot wait.
     */
    void afterOffer(BooleanSupplier urgent) {
        VarHandle.fullFence();
        int observed = (int) STATE.getVolatile(this);
        if (observed == UNTIMED || (observed == TIMED && urgent.getAsBoolean())) {
            wake(observed);
        }
    }

    /** Wakes the writer if it is parked in any way. */
    void wake() {
        int observed = (int) STATE.getVolatile(this);
        if (observed != AWAKE) {
            wake(observed);
        }
    }

    private void wake(int observed) {
        if (STATE.compareAndSet(this, observed, AWAKE)) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * Writer side: parks until {@code deadline} (a {@code System.nanoTime()} value) when {@code timed}, else until
     * woken, provided {@code stillIdle} holds once the intention to park is visible. May return early.
     */
    void park(boolean timed, long deadline, BooleanSupplier stillIdle) {
        STATE.setVolatile(this, timed ? TIMED : UNTIMED);
        VarHandle.fullFence();
        if (stillIdle.getAsBoolean()) {
            if (!timed) {
                LockSupport.park(this);
            } else {
                long wait = deadline - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
        STATE.setVolatile(this, AWAKE);
    }
}
