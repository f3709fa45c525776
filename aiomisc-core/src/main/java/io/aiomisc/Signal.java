package io.aiomisc;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A list of receivers called one after another with an event (aiomisc's {@code Signal}); the entrypoint's
 * lifecycle hooks {@link Entrypoint#PRE_START}, {@link Entrypoint#POST_START}, {@link Entrypoint#PRE_STOP} and
 * {@link Entrypoint#POST_STOP} are signals.
 *
 * <p>Receivers run in the order they were connected. A signal can be {@link #freeze() frozen}, after which
 * connecting or disconnecting throws; {@link #copy()} returns an unfrozen signal with the same receivers.
 * Thread-safe: connecting while the signal is being called affects later calls only.
 *
 * @param <T> the type of the event
 */
public final class Signal<T> {
    private final CopyOnWriteArrayList<Consumer<? super T>> receivers;
    private volatile boolean frozen;

    /** Creates an empty, unfrozen signal. */
    public Signal() {
        this.receivers = new CopyOnWriteArrayList<>();
    }

    private Signal(List<Consumer<? super T>> receivers) {
        this.receivers = new CopyOnWriteArrayList<>(receivers);
    }

    /**
     * Adds a receiver at the end. Connecting the same receiver twice makes it run twice.
     *
     * @param receiver the receiver
     * @throws NullPointerException  if {@code receiver} is null
     * @throws IllegalStateException if the signal is frozen
     */
    public void connect(Consumer<? super T> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        checkNotFrozen("connect to");
        receivers.add(receiver);
    }

    /**
     * Removes the first occurrence of a receiver.
     *
     * @param receiver the receiver
     * @return true if it was connected
     * @throws IllegalStateException if the signal is frozen
     */
    public boolean disconnect(Consumer<? super T> receiver) {
        checkNotFrozen("disconnect from");
        return receivers.remove(receiver);
    }

    /** Makes the receivers final: later {@link #connect} and {@link #disconnect} calls throw. Idempotent. */
    public void freeze() {
        frozen = true;
    }

    /**
     * Tells whether {@link #freeze()} was called.
     *
     * @return true once frozen
     */
    public boolean isFrozen() {
        return frozen;
    }

    /**
     * Returns an unfrozen signal with the receivers this one has now.
     *
     * @return the copy
     */
    public Signal<T> copy() {
        return new Signal<>(receivers);
    }

    /**
     * Returns the receivers in call order.
     *
     * @return an immutable snapshot
     */
    public List<Consumer<? super T>> receivers() {
        return List.copyOf(receivers);
    }

    /**
     * Calls every receiver with {@code event}, one after another on this thread, in connect order. A receiver
     * that throws does not stop the others; the first exception is rethrown afterwards with the later ones
     * attached as suppressed.
     *
     * @param event the event
     * @throws RuntimeException the first exception a receiver threw
     * @throws Error            the first error a receiver threw
     */
    public void call(T event) {
        Throwable first = null;
        for (Consumer<? super T> receiver : receivers) {
            try {
                receiver.accept(event);
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
    }

    private void checkNotFrozen(String action) {
        if (frozen) {
            throw new IllegalStateException("cannot " + action + " a frozen signal; connect before the entrypoint"
                    + " starts, or connect to a copy()");
        }
    }

    @Override
    public String toString() {
        return "Signal[" + receivers.size() + " receivers" + (frozen ? ", frozen]" : "]");
    }
}
