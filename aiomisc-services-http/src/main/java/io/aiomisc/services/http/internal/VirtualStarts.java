package io.aiomisc.services.http.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts the handler threads an event loop creates during one turn together, at the end of the turn, from one
 * virtual thread. Started one by one from the loop, each start may wake a parked carrier thread, which then runs
 * that one handler, spins looking for more work and parks again, while the loop that would give it more work waits
 * for the CPU; started from a virtual thread, the threads go onto the carrier's own queue and are run in one go.
 *
 * <p>One per event-loop thread; every method runs on that loop.
 */
final class VirtualStarts {
    private static final FastThreadLocal<VirtualStarts> OF_LOOP = new FastThreadLocal<>() {
        @Override
        protected VirtualStarts initialValue() {
            return new VirtualStarts();
        }
    };

    private final Runnable startAll = this::startAll;
    private List<Thread> pending = new ArrayList<>();

    private VirtualStarts() {
    }

    /**
     * Starts {@code thread} at the end of the current turn of {@code loop}, the calling event loop.
     *
     * @param thread an unstarted thread
     * @param loop   the event loop the caller runs on
     */
    static void start(Thread thread, EventExecutor loop) {
        VirtualStarts starts = OF_LOOP.get();
        if (starts.pending.isEmpty()) {
            loop.execute(starts.startAll);
        }
        starts.pending.add(thread);
    }

    private void startAll() {
        List<Thread> batch = pending;
        pending = new ArrayList<>();
        if (batch.size() == 1) {
            batch.get(0).start();
            return;
        }
        Thread.ofVirtual().start(() -> {
            for (Thread thread : batch) {
                thread.start();
            }
        });
    }
}
