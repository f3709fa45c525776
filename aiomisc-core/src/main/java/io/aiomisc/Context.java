package io.aiomisc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rendezvous point of the services of one {@link Entrypoint} (aiomisc's {@code Context}): one service
 * {@link #put puts} a value under a {@link Key}, others {@link #await} it or take its {@link #future}.
 *
 * <p>Putting a key that already has a value replaces it, as in aiomisc: later reads see the new value,
 * futures handed out earlier keep the old one. Null values are not allowed (aiomisc allows {@code None}).
 * When the entrypoint stops, pending futures fail with {@link CancellationException} and the context
 * rejects further puts.
 *
 * <p>Thread-safe; nothing blocks except {@link #await(Key)} and {@link #await(Key, Duration)}.
 */
public final class Context {
    private final String owner;
    private final ConcurrentHashMap<Key<?>, CompletableFuture<Object>> values = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Context(String owner) {
        this.owner = owner;
    }

    /**
     * Creates a key; the same as {@link Key#of(String, Class)}.
     *
     * @param name the name, not blank
     * @param type the type of the value
     * @param <T>  the type of the value
     * @return the key
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> Key<T> key(String name, Class<T> type) {
        return Key.of(name, type);
    }

    /**
     * Sets the value of {@code key}, completing every pending future of it, or replacing the value it had.
     * Never blocks; callbacks chained on a pending future run in this thread.
     *
     * @param key   the key
     * @param value the value, not null
     * @param <T>   the type of the value
     * @throws NullPointerException  if an argument is null
     * @throws ClassCastException    if {@code value} is not a {@code key.type()}
     * @throws IllegalStateException if the entrypoint has stopped
     */
    public <T> void put(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Object checked = key.cast(value);
        while (true) {
            if (closed) {
                throw new IllegalStateException("the context of " + owner + " is closed: cannot put " + key);
            }
            CompletableFuture<Object> current = values.get(key);
            if (current == null) {
                if (values.putIfAbsent(key, CompletableFuture.completedFuture(checked)) == null) {
                    return;
                }
            } else if (!current.isDone()) {
                if (current.complete(checked)) {
                    return;
                }
            } else if (values.replace(key, current, CompletableFuture.completedFuture(checked))) {
                return;
            }
        }
    }

    /**
     * Returns a future of the value of {@code key}: already complete when the key has a value, else completed
     * by the next {@link #put}. Fails with {@link CancellationException} when the entrypoint stops first.
     * Never blocks. Cancelling the returned future does not affect other callers.
     *
     * @param key the key
     * @param <T> the type of the value
     * @return the future value
     * @throws NullPointerException if {@code key} is null
     */
    public <T> CompletableFuture<T> future(Key<T> key) {
        Objects.requireNonNull(key, "key");
        if (closed) {
            return CompletableFuture.failedFuture(closedException(key));
        }
        CompletableFuture<Object> shared = values.computeIfAbsent(key, k -> new CompletableFuture<>());
        if (closed) {
            shared.cancel(false);
        }
        // A private copy: a caller completing or cancelling its future must not change what others see.
        CompletableFuture<T> mine = new CompletableFuture<>();
        shared.whenComplete((value, error) -> {
            if (error == null) {
                mine.complete(key.cast(value));
            } else {
                mine.completeExceptionally(error instanceof CancellationException ? closedException(key) : error);
            }
        });
        return mine;
    }

    /**
     * Blocks until {@code key} has a value and returns it.
     *
     * @param key the key
     * @param <T> the type of the value
     * @return the value
     * @throws NullPointerException  if {@code key} is null
     * @throws InterruptedException  if this thread is interrupted while waiting
     * @throws CancellationException if the entrypoint stops before the key gets a value
     */
    public <T> T await(Key<T> key) throws InterruptedException {
        try {
            return future(key).get();
        } catch (ExecutionException e) {
            throw unwrap(key, e);
        }
    }

    /**
     * Blocks until {@code key} has a value, at most {@code timeout}, and returns it.
     *
     * @param key     the key
     * @param timeout how long to wait at most, not negative
     * @param <T>     the type of the value
     * @return the value
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException     if this thread is interrupted while waiting
     * @throws TimeoutException         if the key has no value after {@code timeout}
     * @throws CancellationException    if the entrypoint stops before the key gets a value
     */
    public <T> T await(Key<T> key, Duration timeout) throws InterruptedException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        try {
            return future(key).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(key, e);
        } catch (TimeoutException e) {
            TimeoutException timedOut = new TimeoutException(key + " got no value within " + timeout + " in " + owner);
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    /**
     * Returns the current value of {@code key}, without waiting.
     *
     * @param key the key
     * @param <T> the type of the value
     * @return the value, or empty when nobody has put it yet
     * @throws NullPointerException if {@code key} is null
     */
    public <T> Optional<T> get(Key<T> key) {
        Objects.requireNonNull(key, "key");
        CompletableFuture<Object> current = values.get(key);
        if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(key.cast(current.join()));
    }

    /** Fails every pending future; later puts are rejected. Called once the services have stopped. */
    void close() {
        closed = true;
        for (CompletableFuture<Object> future : values.values()) {
            future.cancel(false);
        }
    }

    private CancellationException closedException(Key<?> key) {
        return new CancellationException("the context of " + owner + " is closed: " + key + " will never be set");
    }

    private RuntimeException unwrap(Key<?> key, ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        return new CancellationException("waiting for " + key + " failed: " + e.getCause());
    }

    @Override
    public String toString() {
        return "Context[" + owner + ", " + values.size() + " keys" + (closed ? ", closed]" : "]");
    }
}
