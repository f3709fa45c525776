package io.aiomisc.log.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAware;
import io.aiomisc.log.LogStatistics;
import io.aiomisc.log.Overflow;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The machinery behind {@code BufferedAppender}: an MPSC queue drained by one writer thread into a wrapped
 * appender, with the flush policy, the overflow policy and the switch to synchronous writing.
 *
 * <p>Wake-ups are Dekker pairs ({@link WriterParking}, {@link Waiters}). A writer with nothing unflushed parks
 * untimed (an idle logger costs no CPU) and the first record wakes it; a writer holding unflushed output parks until the flush is due and is woken early only when a flush by size
 * is due or half the queue is used, so that a steady stream of records costs one wake-up per batch, not one per
 * record. Records do not become visible any later for it: the output is flushed on the same schedule.
 *
 * <p>Only one thread consumes the queue at a time: the writer while buffering, afterwards whoever holds
 * {@code lifecycle} (taken while the writer is joined, so the two never overlap).
 */
public final class LogBuffer {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int DRAINING = 2;
    private static final int PASS_THROUGH = 3;
    private static final int STOPPED = 4;

    private final Appender<ILoggingEvent> delegate;
    private final int bufferSize;
    private final long flushIntervalNanos;
    private final boolean dropWhenFull;
    private final ContextAware status;
    private final MpscAtomicArrayQueue<ILoggingEvent> queue;
    private final int wakeBacklog;

    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Waiters waiters = new Waiters();
    private final AtomicLong flushRequest = new AtomicLong();

    private final LongAdder dropped = new LongAdder();
    private final LongAdder passedThrough = new LongAdder();
    private final AtomicLong flushes = new AtomicLong();
    private volatile long consumed; // written by the single consumer of the moment
    private volatile long flushedThrough; // the value of consumed at the last flush

    private volatile int state = NEW;
    private final WriterParking parking = new WriterParking();
    private final BooleanSupplier backlogDue = this::backlogDue;
    private Thread writer; // published by the volatile write of state

    /**
     * @param delegate           the appender the writer passes records to
     * @param bufferSize         queue capacity (rounded up to a power of two) and flush-by-size threshold
     * @param flushIntervalNanos the longest written output stays unflushed
     * @param overflow           what to do with a record when the queue is full
     * @param status             where errors are reported (logback status messages)
     */
    public LogBuffer(Appender<ILoggingEvent> delegate, int bufferSize, long flushIntervalNanos, Overflow overflow,
                     ContextAware status) {
        this.delegate = delegate;
        this.bufferSize = bufferSize;
        this.flushIntervalNanos = flushIntervalNanos;
        this.dropWhenFull = overflow == Overflow.DROP;
        this.status = status;
        this.queue = new MpscAtomicArrayQueue<>(bufferSize);
        this.wakeBacklog = Math.max(1, queue.capacity() / 2);
    }

    /** Starts the writer thread; false (and an error status) if the wrapped appender is not started. */
    public boolean start() {
        lifecycle.lock();
        try {
            if (state != NEW) {
                return state != STOPPED;
            }
            if (!delegate.isStarted()) {
                status.addError("the wrapped appender \"" + delegate.getName() + "\" is not started");
                return false;
            }
            if (delegate instanceof OutputStreamAppender<ILoggingEvent> streamAppender) {
                // The flush schedule is ours while buffering; a flush per record would undo the batching.
                // Set before the writer starts, the only thread that writes through it until stopBuffering.
                streamAppender.setImmediateFlush(false);
            }
            Thread thread = new Thread(this::runWriter, "aiomisc-log-writer");
            thread.setDaemon(true);
            writer = thread;
            parking.bind(thread);
            state = RUNNING;
            thread.start();
            return true;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Whether records are accepted: from {@link #start()} until {@link #stop()}. */
    public boolean isStarted() {
        int s = state;
        return s != NEW && s != STOPPED;
    }

    /** Queues the record (BLOCK: waiting for room; DROP: or counts it dropped), or writes it synchronously. */
    public void append(ILoggingEvent event) {
        if (state == RUNNING && Thread.currentThread() != writer) {
            event.prepareForDeferredProcessing();
            if (queue.offer(event) || (!dropWhenFull
                    && waiters.offerOrWait(() -> queue.offer(event), () -> state == RUNNING, parking::wake))) {
                afterOffer();
                return;
            }
            if (dropWhenFull && state == RUNNING) {
                dropped.increment();
                parking.wake();
                return;
            }
        }
        appendSynchronously(event);
    }

    private void afterOffer() {
        parking.afterOffer(backlogDue);
        if (state != RUNNING) {
            // Buffering stopped around this offer: the final drain may have missed the record, so take over.
            lifecycle.lock();
            try {
                drainSynchronously();
            } finally {
                lifecycle.unlock();
            }
        }
    }

    private boolean backlogDue() {
        long produced = queue.currentProducerIndex();
        return produced - flushedThrough >= bufferSize || produced - queue.currentConsumerIndex() >= wakeBacklog;
    }

    private void appendSynchronously(ILoggingEvent event) {
        int s = state;
        if (s == NEW) {
            return; // like any logback appender that was never started
        }
        if (s == DRAINING && Thread.currentThread() != writer) {
            lifecycle.lock(); // waits until the buffered records are out, to keep their order
            lifecycle.unlock();
        }
        passedThrough.increment();
        delegate.doAppend(event);
        if (flushesEachRecord()) {
            flushes.incrementAndGet();
        }
    }

    /**
     * Whether the wrapped appender flushes every record it writes itself, as a stream appender does once
     * buffering has stopped (before, {@link #start()} turned that off and the flushes are ours).
     */
    private boolean flushesEachRecord() {
        return delegate instanceof OutputStreamAppender<ILoggingEvent> streamAppender
                && streamAppender.isImmediateFlush() && streamAppender.isStarted();
    }

    /** Blocks until everything offered before the call is written and flushed. */
    public void flush() {
        int s = state;
        if (s != NEW && Thread.currentThread() == writer) {
            flushOutput(); // from inside the wrapped appender: the writer cannot wait for itself
            return;
        }
        if (s == RUNNING) {
            long target = queue.currentProducerIndex();
            if (flushedThrough >= target) {
                return;
            }
            flushRequest.accumulateAndGet(target, Math::max); // a full fence before the writer's state is read
            parking.wake();
            waiters.awaitFlush(() -> flushedThrough >= target || state > DRAINING);
            if (flushedThrough >= target) {
                return;
            }
        }
        lifecycle.lock();
        try {
            if (state != NEW && state != STOPPED) {
                flushOutput();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /** Drains, ends the writer and switches to synchronous writing into the still running wrapped appender. */
    public void stopBuffering() {
        lifecycle.lock();
        try {
            if (state == NEW) {
                state = PASS_THROUGH;
                return;
            }
            if (state != RUNNING || Thread.currentThread() == writer) {
                return;
            }
            state = DRAINING;
            LockSupport.unpark(writer);
            joinUninterruptibly(writer);
            finishDraining();
        } finally {
            lifecycle.unlock();
        }
    }

    private void finishDraining() {
        drainSynchronously();
        if (delegate instanceof OutputStreamAppender<ILoggingEvent> streamAppender) {
            // From now on records are written on the logging thread; none may sit in the stream's buffer.
            streamAppender.setImmediateFlush(true);
        }
        if (flushedThrough != consumed) {
            flushOutput();
        }
        state = PASS_THROUGH;
        waiters.releaseAll();
    }

    /** {@link #stopBuffering()}, then stops the wrapped appender. */
    public void stop() {
        lifecycle.lock();
        try {
            if (state == STOPPED) {
                return;
            }
            stopBuffering();
            delegate.stop();
            state = STOPPED;
        } finally {
            lifecycle.unlock();
        }
    }

    private void drainSynchronously() {
        long n = 0;
        for (ILoggingEvent event; (event = queue.poll()) != null; n++) {
            writeOne(event);
        }
        if (n > 0) {
            consumed += n;
            flushOutput();
        }
    }

    private void runWriter() {
        ILoggingEvent[] batch = new ILoggingEvent[bufferSize];
        int unflushed = 0;
        long flushDue = 0;
        try {
            while (true) {
                int n = 0;
                for (ILoggingEvent event; n < batch.length && (event = queue.relaxedPoll()) != null; ) {
                    batch[n++] = event;
                }
                if (n > 0) {
                    waiters.roomMade();
                    if (unflushed == 0) {
                        flushDue = System.nanoTime() + flushIntervalNanos;
                    }
                    writeBatch(batch, n);
                    consumed += n;
                    unflushed += n;
                    if (unflushed >= bufferSize || flushRequestDue() || System.nanoTime() - flushDue >= 0) {
                        flushOutput();
                        unflushed = 0;
                    }
                    continue;
                }
                boolean stopping = state != RUNNING;
                if (unflushed > 0 && (stopping || flushRequestDue() || System.nanoTime() - flushDue >= 0)) {
                    flushOutput();
                    unflushed = 0;
                }
                if (stopping && queue.isEmpty()) {
                    return;
                }
                if (stopping || flushRequest.get() > consumed) {
                    Thread.yield(); // a producer has claimed a slot and is about to fill it
                    continue;
                }
                boolean timed = unflushed > 0;
                parking.park(timed, flushDue, () -> state == RUNNING && flushRequest.get() <= flushedThrough
                        && (timed ? !backlogDue() : queue.isEmpty()));
            }
        } catch (Throwable t) {
            writerFailed(t);
        }
    }

    private boolean flushRequestDue() {
        long requested = flushRequest.get();
        return requested > flushedThrough && requested <= consumed;
    }

    /**
     * Writes batch[0..n) and clears it. The records are already out of the queue: if the JVM itself fails
     * (VirtualMachineError, which ends the writer thread), the rest of the batch is still written, and
     * all n count as consumed, before the error goes on to the fallback to synchronous writing.
     */
    private void writeBatch(ILoggingEvent[] batch, int n) {
        int i = 0;
        try {
            for (; i < n; i++) {
                ILoggingEvent event = batch[i];
                batch[i] = null;
                writeOne(event);
            }
        } catch (VirtualMachineError fatal) {
            try {
                for (i++; i < n; i++) {
                    ILoggingEvent event = batch[i];
                    batch[i] = null;
                    writeOne(event);
                }
            } catch (VirtualMachineError again) {
                fatal.addSuppressed(again);
            }
            consumed += n;
            throw fatal;
        }
    }

    /**
     * Passes one record on; a failure of the wrapped appender (logback's doAppend only catches Exception,
     * so an Error such as an AssertionError or NoClassDefFoundError from an encoder gets here) is reported
     * and the record counts as written, like a failed write. Only a VirtualMachineError propagates.
     */
    private void writeOne(ILoggingEvent event) {
        try {
            delegate.doAppend(event);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            status.addError("the wrapped appender \"" + delegate.getName() + "\" failed to write a record", e);
        }
    }

    private void flushOutput() {
        try {
            if (delegate instanceof OutputStreamAppender<ILoggingEvent> streamAppender) {
                OutputStream out = streamAppender.getOutputStream();
                if (out != null) {
                    out.flush();
                }
            } else if (delegate instanceof Flushable flushable) {
                flushable.flush();
            }
        } catch (IOException | RuntimeException e) {
            status.addError("could not flush the output of \"" + delegate.getName() + "\"", e);
        }
        flushes.incrementAndGet();
        flushedThrough = consumed;
        waiters.flushMade();
    }

    private void writerFailed(Throwable t) {
        status.addError("the log writer thread failed; writing synchronously from now on", t);
        // A stop in progress holds the lock and finishes the drain itself once this thread has ended.
        if (lifecycle.tryLock()) {
            try {
                if (state == RUNNING) {
                    state = DRAINING;
                    finishDraining();
                }
            } finally {
                lifecycle.unlock();
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The counters: appended = offered to the queue + dropped + written synchronously; written = taken from the
     * queue and passed on + written synchronously.
     */
    public LogStatistics statistics() {
        long synchronous = passedThrough.sum();
        long drops = dropped.sum();
        return new LogStatistics(queue.currentProducerIndex() + drops + synchronous, consumed + synchronous, drops,
                flushes.get());
    }

    /** The writer thread, for tests that check it is parked. */
    public Thread writerThread() {
        return writer;
    }
}
