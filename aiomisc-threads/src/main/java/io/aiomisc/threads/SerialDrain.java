package io.aiomisc.threads;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A drain loop entered through a work-in-progress counter: a {@link #drain()} that finds another thread in
 * the loop only makes that thread go round once more. So {@link #drainOnce()} never runs on two threads at
 * once and never recurses (a call from inside it only asks for another round), and no call is missed. The
 * hand-off runs the loop ({@link #run()}) when an item arrives, the producer ends or the iterator is closed.
 */
abstract class SerialDrain implements Runnable {

    private final AtomicInteger wip = new AtomicInteger();

    /** One round of the loop's work; runs on one thread at a time. */
    abstract void drainOnce();

    /** Called by the hand-off when an item arrives, the producer ends, or the iterator is closed. */
    @Override
    public final void run() {
        drain();
    }

    /** Runs the loop on this thread, or has the thread already in it go round once more. */
    final void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            drainOnce();
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
