package io.aiomisc.services.tcp.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** A blocking call on a virtual thread of its own, so a test can tell when it is blocked (the thread parks). */
final class Blocking<T> {
    interface IoCall<T> {
        T call() throws IOException;
    }

    private final Thread thread;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Blocking(IoCall<T> call) {
        thread = Thread.ofVirtual().unstarted(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
    }

    static <T> Blocking<T> start(IoCall<T> call) {
        Blocking<T> blocking = new Blocking<>(call);
        blocking.thread.start();
        return blocking;
    }

    CompletableFuture<T> result() {
        return result;
    }

    /** Returns once the call's thread parked (blocked in I/O) or ended; fails after 10 s. */
    void awaitBlocked() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call neither blocked nor ended within 10 s; state " + state);
            }
            Thread.yield();
        }
    }
}
