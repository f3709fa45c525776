package io.aiomisc.threads;

import io.aiomisc.threads.internal.FieldHandles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The consumer side of a {@link Generator} that runs in another thread: Python aiomisc's
 * {@code threaded_iterable}. Obtained from {@code Threaded.iterable}, {@code Threaded.iterableSeparate}
 * or {@code Threaded.iterate}.
 *
 * <pre>{@code
 * try (ThreadedIterator<String> lines = Threaded.iterable(sink -> {
 *         try (BufferedReader in = Files.newBufferedReader(path)) {
 *             for (String line; (line = in.readLine()) != null; ) sink.emit(line);
 *         }
 *     }, 64)) {
 *     for (String line : lines) {
 *         if (line.isEmpty()) break;   // closing stops the generator: its reader is closed
 *     }
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * The generator starts on the first read (the first {@code hasNext}/{@code next}, {@code nextAsync},
 * {@code subscribe}, or the terminal operation of {@link #stream()}), not when the iterator is created.
 * Items pass through a buffer of {@code maxSize} items; the generator blocks in {@link Sink#emit} while
 * the buffer is full. The sequence ends when the generator returns; if it throws, the consumer receives
 * the items emitted before the exception and then the exception. {@link #close()} (called by
 * try-with-resources, by closing the {@link #stream()}, by cancelling the {@link #publisher()}'s
 * subscription, or by the garbage collector once the iterator is unreachable) makes the generator's
 * next or current {@code emit} throw {@link CancellationException}, so its {@code finally} blocks run and
 * its thread is freed; {@code close()} itself does not wait for that.
 *
 * <h2>One way of consuming</h2>
 * An iterator is consumed in exactly one of four ways; using a second one throws
 * {@link IllegalStateException}:
 * <ul>
 *   <li>as an {@link Iterator} ({@link #hasNext()}, {@link #next()}) or an {@link Iterable} for
 *       for-each ({@link #iterator()} may be called once);</li>
 *   <li>as a {@link Stream} ({@link #stream()}, once);</li>
 *   <li>as a {@link Flow.Publisher} ({@link #publisher()}) with one subscriber;</li>
 *   <li>as futures ({@link #nextAsync()}).</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A generator's {@link RuntimeException} or {@link Error} is rethrown as is (the same instance, whose
 * stack trace is the producer thread's) by {@code hasNext}/{@code next} and the stream; a checked
 * exception is wrapped in a {@link CompletionException}. Futures from {@code nextAsync} and the
 * publisher's {@code onError} receive the generator's exception itself. A generator that never starts
 * because its pool refused its task, or dropped it with {@code shutdownNow()}, fails the same way with a
 * {@link java.util.concurrent.RejectedExecutionException}. A failure is reported once;
 * afterwards the iterator is exhausted.
 *
 * <h2>Thread-safety</h2>
 * {@code close()} and {@code nextAsync()} may be called from any thread. The iterator and stream
 * methods are for one consumer thread at a time. The publisher follows the Reactive Streams rules.
 *
 * @param <T> the type of the items
 */
public final class ThreadedIterator<T> implements Iterator<T>, Iterable<T>, AutoCloseable {

    private enum Mode { NONE, ITERATOR, STREAM, PUBLISHER, ASYNC }

    private static final VarHandle MODE =
            FieldHandles.find(MethodHandles.lookup(), ThreadedIterator.class, "mode", Mode.class);
    private static final VarHandle STARTED =
            FieldHandles.find(MethodHandles.lookup(), ThreadedIterator.class, "started", boolean.class);
    private static final VarHandle ITERABLE_USED =
            FieldHandles.find(MethodHandles.lookup(), ThreadedIterator.class, "iterableUsed", boolean.class);
    private static final VarHandle PUBLISHER =
            FieldHandles.find(MethodHandles.lookup(), ThreadedIterator.class, "publisher", IteratorPublisher.class);
    private static final VarHandle ASYNC_READER =
            FieldHandles.find(MethodHandles.lookup(), ThreadedIterator.class, "asyncReader", AsyncReader.class);

    private final HandOff<T> handOff;
    private final Generator<? extends T> generator;
    private final ProducerLauncher launcher;

    private volatile Mode mode = Mode.NONE;
    private volatile boolean started;
    private volatile boolean iterableUsed;
    /** Created with the mode it serves. */
    private volatile IteratorPublisher<T> publisher;
    private volatile AsyncReader<T> asyncReader;
    /**
     * The publisher's live subscription, set before its first drain: close() must run its drain,
     * since a subscriber without demand is not registered as the hand-off's waiter and would never
     * learn of the close.
     */
    private volatile IteratorSubscription<T> subscription;

    // Iterator/stream consumer state, confined to the consuming thread.
    private T lookahead;
    private boolean exhausted;

    private ThreadedIterator(Generator<? extends T> generator, int maxSize, ProducerLauncher launcher) {
        this.handOff = new HandOff<>(maxSize);
        this.generator = Objects.requireNonNull(generator, "generator");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        // Python aiomisc closes a forgotten iterator from its finaliser; we close it when it becomes
        // unreachable, so an abandoned for-each does not keep its producer thread parked forever.
        Cleanup.CLEANER.register(this, handOff::close);
    }

    /**
     * Creates an iterator whose generator will run as one task of {@code producerExecutor}, submitted on
     * the first read.
     *
     * @throws IllegalArgumentException if {@code maxSize < 1}; values above 2<sup>30</sup> count as 2<sup>30</sup>
     * @throws NullPointerException if {@code generator} or {@code producerExecutor} is null
     */
    static <T> ThreadedIterator<T> create(Generator<? extends T> generator, int maxSize, Executor producerExecutor) {
        return new ThreadedIterator<>(generator, maxSize, ProducerLauncher.of(producerExecutor));
    }

    /**
     * Creates an iterator whose generator will run as one task of {@code launcher}, launched on the
     * first read; a task the launcher reports as never run ends the sequence with that failure.
     *
     * @throws IllegalArgumentException if {@code maxSize < 1}
     * @throws NullPointerException if {@code generator} or {@code launcher} is null
     */
    static <T> ThreadedIterator<T> launched(Generator<? extends T> generator, int maxSize, ProducerLauncher launcher) {
        return new ThreadedIterator<>(generator, maxSize, launcher);
    }

    /**
     * Creates an iterator that drains {@code source.get()} in a task of {@code producerExecutor}: the
     * supplier is called in the producer thread, on the first read.
     */
    static <T> ThreadedIterator<T> createFromIterator(
            Supplier<? extends Iterator<? extends T>> source, int maxSize, Executor producerExecutor) {
        return launchedFromIterator(source, maxSize, ProducerLauncher.of(producerExecutor));
    }

    /** Like {@link #createFromIterator}, with a {@link ProducerLauncher} (see {@link #launched}). */
    static <T> ThreadedIterator<T> launchedFromIterator(
            Supplier<? extends Iterator<? extends T>> source, int maxSize, ProducerLauncher launcher) {
        Objects.requireNonNull(source, "source");
        Generator<T> generator = sink -> {
            Iterator<? extends T> items = source.get();
            while (items.hasNext()) {
                sink.emit(items.next());
            }
        };
        return new ThreadedIterator<>(generator, maxSize, launcher);
    }

    // ---------------------------------------------------------------- Iterator / Iterable

    /**
     * Returns this iterator, so that it can be used in a for-each loop; may be called once.
     *
     * @throws IllegalStateException if called a second time, or if the iterator is consumed in another way
     */
    @Override
    public Iterator<T> iterator() {
        if (!ITERABLE_USED.compareAndSet(this, false, true)) {
            throw new IllegalStateException("ThreadedIterator.iterator() may be called once; it is not a collection");
        }
        claim(Mode.ITERATOR);
        return this;
    }

    /**
     * Whether another item follows, blocking until the generator emits one or ends.
     *
     * @return false at the end of the sequence and after {@link #close()}
     * @throws IllegalStateException if the iterator is consumed in another way
     * @throws CancellationException if the calling thread is interrupted while it waits; the iterator is
     *     then closed and the thread's interrupt flag is set again
     * @throws RuntimeException the generator's unchecked exception, or a {@link CompletionException}
     *     wrapping its checked one, once every item before it was returned
     */
    @Override
    public boolean hasNext() {
        if (mode != Mode.ITERATOR) {
            claim(Mode.ITERATOR);
        }
        return advance();
    }

    /**
     * The next item, blocking until the generator emits one or ends.
     *
     * @throws NoSuchElementException at the end of the sequence and after {@link #close()}
     * @throws IllegalStateException if the iterator is consumed in another way
     * @throws CancellationException if the calling thread is interrupted while it waits (see {@link #hasNext()})
     * @throws RuntimeException the generator's failure, as for {@link #hasNext()}
     */
    @Override
    public T next() {
        if (mode != Mode.ITERATOR) {
            claim(Mode.ITERATOR);
        }
        if (!advance()) {
            throw new NoSuchElementException("the ThreadedIterator is exhausted");
        }
        T item = lookahead;
        lookahead = null;
        return item;
    }

    private boolean advance() {
        if (exhausted) {
            return false;
        }
        if (handOff.isClosed()) {
            lookahead = null;
            exhausted = true;
            return false;
        }
        if (lookahead != null) {
            return true;
        }
        T item = handOff.poll();
        if (item == null) {
            item = await();
        }
        if (item != null) {
            lookahead = item;
            return true;
        }
        exhausted = true;
        Throwable failure = handOff.isClosed() ? null : handOff.failure();
        handOff.close();
        if (failure != null) {
            throw unchecked(failure);
        }
        return false;
    }

    private T await() {
        start();
        try {
            return handOff.take();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(
                    "interrupted while waiting for the next item; the ThreadedIterator is closed");
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new CompletionException(failure);
    }

    // ---------------------------------------------------------------- Stream

    /**
     * A sequential, ordered stream of the items; closing the stream closes this iterator. May be called
     * once. The generator starts with the stream's terminal operation. The terminal operation blocks
     * like {@link #next()} and throws what it throws.
     *
     * @return a stream over the remaining items
     * @throws IllegalStateException if called twice, or if the iterator is consumed in another way
     */
    public Stream<T> stream() {
        claimExclusive(Mode.STREAM);
        Spliterator<T> spliterator = new Spliterators.AbstractSpliterator<>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                if (!advance()) {
                    return false;
                }
                T item = lookahead;
                lookahead = null;
                action.accept(item);
                return true;
            }
        };
        return StreamSupport.stream(spliterator, false).onClose(this::close);
    }

    // ---------------------------------------------------------------- Flow.Publisher

    /**
     * The items as a {@link Flow.Publisher} honouring demand, for one subscriber. Signals run on the
     * thread that calls {@code request} or, when the subscriber is waiting for items, on the producer's
     * thread. A second subscriber receives {@code onSubscribe} and then {@code onError} with an
     * {@link IllegalStateException}. Cancelling the subscription closes this iterator; closing the
     * iterator while subscribed signals {@code onError} with a {@link CancellationException}, also when
     * the subscriber has no outstanding demand (then on the thread that calls {@link #close()}). Returns
     * the same publisher on every call.
     *
     * @return the publisher of the items
     * @throws IllegalStateException if the iterator is consumed in another way
     */
    public Flow.Publisher<T> publisher() {
        claim(Mode.PUBLISHER);
        IteratorPublisher<T> current = publisher;
        if (current == null) {
            PUBLISHER.compareAndSet(this, null, new IteratorPublisher<>(this, handOff));
            current = publisher;
        }
        return current;
    }

    // ---------------------------------------------------------------- futures

    /**
     * The next item as a future; never blocks. Futures complete in the order of the calls, possibly on
     * the producer's thread (so dependent actions should be short or async). A future fails with
     * {@link NoSuchElementException} when the sequence has ended, with the generator's exception once if
     * it failed, and with {@link CancellationException} if the iterator is closed first. Cancelling a
     * pending future passes its item to the next one.
     *
     * @return a future of the next item
     * @throws IllegalStateException if the iterator is consumed in another way
     */
    public CompletableFuture<T> nextAsync() {
        if (mode != Mode.ASYNC) {
            claim(Mode.ASYNC);
        }
        AsyncReader<T> reader = asyncReader;
        if (reader == null) {
            ASYNC_READER.compareAndSet(this, null, new AsyncReader<>(this, handOff));
            reader = asyncReader;
        }
        return reader.next();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Stops consuming: the generator's next or current {@link Sink#emit} throws
     * {@link CancellationException} (a generator that was not started never starts), a thread blocked
     * in {@link #hasNext()} returns false, pending {@link #nextAsync()} futures fail with
     * {@link CancellationException}, and a subscriber that did not cancel receives {@code onError} (on
     * this thread if it was not waiting for items). Idempotent, callable from any thread, does not wait
     * for the generator to finish, and blocks only while a subscriber's signal runs.
     */
    @Override
    public void close() {
        if (handOff.close()) {
            // Dekker with subscribed(): the subscription publishes itself, then drains (reading the
            // status); we close, then look for it. One of us sees the other.
            IteratorSubscription<T> current = subscription;
            if (current != null) {
                current.drain();
            }
        }
    }

    /** Called by the publisher's subscription after onSubscribe and before its first drain. */
    void subscribed(IteratorSubscription<T> live) {
        subscription = live;
    }

    /** Submits the producer task once; called on the first read of any kind. */
    void start() {
        if (started || !STARTED.compareAndSet(this, false, true) || handOff.isClosed()) {
            return;
        }
        try {
            launcher.launch(handOff.producerTask(generator), handOff::failToStart);
        } catch (RuntimeException | Error e) {
            handOff.failToStart(e);
        }
    }

    private void claim(Mode wanted) {
        Mode current = mode;
        if (current == wanted || (current == Mode.NONE && MODE.compareAndSet(this, Mode.NONE, wanted))) {
            return;
        }
        current = mode;
        if (current != wanted) {
            throw mixed(current, wanted);
        }
    }

    private void claimExclusive(Mode wanted) {
        if (!MODE.compareAndSet(this, Mode.NONE, wanted)) {
            Mode current = mode;
            throw current == wanted
                    ? new IllegalStateException("ThreadedIterator." + name(wanted) + " may be called once")
                    : mixed(current, wanted);
        }
    }

    private static IllegalStateException mixed(Mode current, Mode wanted) {
        return new IllegalStateException("this ThreadedIterator is already consumed " + name(current)
                + "; it cannot also be consumed " + name(wanted) + " (one way of consuming per iterator)");
    }

    private static String name(Mode mode) {
        return switch (mode) {
            case NONE -> "not at all";
            case ITERATOR -> "as an Iterator";
            case STREAM -> "as a Stream (stream())";
            case PUBLISHER -> "as a Flow.Publisher (publisher())";
            case ASYNC -> "with futures (nextAsync())";
        };
    }

    @Override
    public String toString() {
        return "ThreadedIterator[" + mode + (handOff.isClosed() ? ", closed" : "")
                + (handOff.isDone() ? ", producer done" : started ? ", producer started" : "") + "]";
    }

    /** Holds the cleaner so that its thread starts only when the first iterator is created. */
    private static final class Cleanup {
        static final Cleaner CLEANER = Cleaner.create(task -> {
            Thread thread = new Thread(task, "aiomisc-iterator-cleaner");
            thread.setDaemon(true);
            return thread;
        });
    }
}
