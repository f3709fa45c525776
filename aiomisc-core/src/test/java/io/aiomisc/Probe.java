package io.aiomisc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A service that records what happens to it; behaviour is set through the constructor's lambdas. */
class Probe extends Service {
    interface Body {
        void run(Probe self) throws Exception;
    }

    static final Body RETURN = self -> { };

    final String name;
    final int phase;
    final Body startBody;
    final Body stopBody;
    final AtomicInteger stopCalls = new AtomicInteger();
    final AtomicReference<Throwable> stopCause = new AtomicReference<>();
    final AtomicReference<Thread> startThread = new AtomicReference<>();
    final CountDownLatch startEntered = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final List<State> seenInStart = new CopyOnWriteArrayList<>();
    final List<State> seenInStop = new CopyOnWriteArrayList<>();
    volatile boolean interrupted;
    private final List<String> journal;

    Probe(String name) {
        this(name, 0, RETURN, RETURN, null);
    }

    Probe(String name, Body start) {
        this(name, 0, start, RETURN, null);
    }

    Probe(String name, Body start, Body stop) {
        this(name, 0, start, stop, null);
    }

    Probe(String name, int phase, Body start, Body stop, List<String> journal) {
        this.name = name;
        this.phase = phase;
        this.startBody = start;
        this.stopBody = stop;
        this.journal = journal;
    }

    @Override
    protected void start() throws Exception {
        startThread.set(Thread.currentThread());
        seenInStart.add(state());
        note("start " + name);
        startEntered.countDown();
        try {
            startBody.run(this);
        } catch (InterruptedException e) {
            interrupted = true;
            throw e;
        }
    }

    @Override
    protected void stop(Throwable cause) throws Exception {
        stopCalls.incrementAndGet();
        stopCause.set(cause);
        seenInStop.add(state());
        note("stop " + name);
        try {
            stopBody.run(this);
        } finally {
            stopped.countDown();
        }
    }

    void signalStarted() {
        started();
    }

    private void note(String event) {
        if (journal != null) {
            journal.add(event);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return phase;
    }

    /** A mode-2 body: signal readiness, then block until interrupted. */
    static final Body RUN_UNTIL_INTERRUPTED = self -> {
        self.signalStarted();
        new CountDownLatch(1).await();
    };

    static Entrypoint.Builder quiet() {
        return Entrypoint.builder(name -> null).logConfig(false).catchSignals(false);
    }
}
