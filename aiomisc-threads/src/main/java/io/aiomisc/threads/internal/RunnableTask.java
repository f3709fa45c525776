package io.aiomisc.threads.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** An {@code execute(Runnable)} task, including the {@link TrackedFutureTask}s of {@code submit}. */
final class RunnableTask implements PoolTask {

    private static final VarHandle STATE =
            FieldHandles.find(MethodHandles.lookup(), RunnableTask.class, "state", int.class);

    private final Runnable runnable;
    // Starts as NEW (0) without a write in the constructor: a volatile store there would cost a fence per task.
    @SuppressWarnings("unused")
    private volatile int state;

    RunnableTask(Runnable runnable) {
        this.runnable = runnable;
    }

    @Override
    public boolean claim() {
        return STATE.compareAndSet(this, NEW, CLAIMED);
    }

    @Override
    public boolean abandon() {
        return STATE.compareAndSet(this, NEW, ABANDONED);
    }

    @Override
    public int execute() {
        runnable.run();
        if (runnable instanceof TrackedFutureTask<?> tracked) {
            return tracked.outcome();
        }
        return COMPLETED;
    }

    @Override
    public void publish() {
    }

    @Override
    public void drained() {
    }

    @Override
    public Runnable unwrap() {
        return runnable;
    }
}
