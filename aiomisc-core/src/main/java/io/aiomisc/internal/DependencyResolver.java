package io.aiomisc.internal;

import io.aiomisc.Dependencies;
import io.aiomisc.EntrypointException;
import io.aiomisc.Key;
import io.aiomisc.threads.ThrowingConsumer;
import io.aiomisc.threads.ThrowingFunction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Builds dependencies lazily, once each, on the thread that first asks; other threads asking meanwhile wait.
 *
 * <p>Cycles are found with a waits-for graph kept under one lock: before a thread waits for a dependency that
 * another thread is building, the chain "key is built by thread, which waits for key, ..." is followed; if it
 * leads back to the asking thread, waiting would deadlock, so the request fails with the cycle in its message.
 * A per-thread "resolving" stack alone would miss a cycle entered from two threads at once.
 *
 * <p>Closers run in the reverse order of completed construction, so a dependency is closed before the ones it
 * used. Thread-safe.
 */
public final class DependencyResolver implements Dependencies {

    /**
     * A registered dependency.
     *
     * @param key     its key
     * @param factory builds it
     * @param closer  closes it, may be null
     * @param <T>     its type
     */
    public record Registration<T>(Key<T> key, ThrowingFunction<Dependencies, T> factory, ThrowingConsumer<T> closer) {
        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code key} or {@code factory} is null
         */
        public Registration {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(factory, "factory");
        }
    }

    private static final class Slot {
        final CompletableFuture<Object> value = new CompletableFuture<>();
        final Thread builder;

        Slot(Thread builder) {
            this.builder = builder;
        }
    }

    private record Built<T>(Registration<T> registration, T value) {
        void close() throws Exception {
            if (registration.closer() != null) {
                registration.closer().accept(value);
            }
        }
    }

    private final String owner;
    private final Map<Key<?>, Registration<?>> registrations;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key<?>, Slot> slots = new HashMap<>();
    private final Map<Thread, Deque<Key<?>>> building = new HashMap<>();
    private final Map<Thread, Key<?>> waitsFor = new HashMap<>();
    private final List<Built<?>> built = new ArrayList<>();
    private boolean closed;

    /**
     * Creates a resolver.
     *
     * @param owner         the entrypoint's name, for messages
     * @param registrations the dependencies, by key
     */
    public DependencyResolver(String owner, Map<Key<?>, Registration<?>> registrations) {
        this.owner = owner;
        this.registrations = Collections.unmodifiableMap(new LinkedHashMap<>(registrations));
    }

    @Override
    public <T> T get(Key<T> key) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        Thread me = Thread.currentThread();
        Slot slot;
        boolean mine = false;
        lock.lock();
        try {
            if (closed) {
                throw new EntrypointException(owner + " has stopped: its dependencies are closed, cannot get " + key,
                        null);
            }
            @SuppressWarnings("unchecked")
            Registration<T> registration = (Registration<T>) registrations.get(key);
            if (registration == null) {
                throw new EntrypointException("no dependency registered for " + key + " in " + owner + "; known: "
                        + registrations.keySet(), null);
            }
            slot = slots.get(key);
            if (slot == null) {
                slot = new Slot(me);
                slots.put(key, slot);
                building.computeIfAbsent(me, thread -> new ArrayDeque<>()).push(key);
                mine = true;
            } else if (!slot.value.isDone()) {
                List<Key<?>> cycle = cycleThrough(key, me);
                if (cycle != null) {
                    throw new EntrypointException("dependency cycle: " + cycle.stream().map(Key::name)
                            .collect(Collectors.joining(" -> ")) + " (in " + owner + ")", null);
                }
                waitsFor.put(me, key);
            }
        } finally {
            lock.unlock();
        }
        if (mine) {
            return build(key, slot, me);
        }
        try {
            return key.type().cast(slot.value.get());
        } catch (ExecutionException e) {
            throw failed(key, e.getCause());
        } finally {
            lock.lock();
            try {
                waitsFor.remove(me);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The keys of the cycle that waiting for {@code wanted} would close, or null. Called under the lock.
     * The chain: {@code wanted} is built by thread T1, whose innermost build waits for k2, built by T2, ...;
     * a cycle exists when some Tn is the asking thread.
     */
    private List<Key<?>> cycleThrough(Key<?> wanted, Thread me) {
        List<Key<?>> chain = new ArrayList<>();
        Key<?> key = wanted;
        for (int hops = 0; hops <= slots.size(); hops++) {
            Slot slot = slots.get(key);
            if (slot == null || slot.value.isDone()) {
                return null;
            }
            Thread builder = slot.builder;
            chain.addAll(stackFrom(builder, key));
            if (builder == me) {
                chain.add(wanted);
                return chain;
            }
            key = waitsFor.get(builder);
            if (key == null) {
                return null;
            }
        }
        return null;
    }

    /** The keys {@code thread} is building, from {@code key} to the innermost, in the order they were entered. */
    private List<Key<?>> stackFrom(Thread thread, Key<?> key) {
        Deque<Key<?>> stack = building.get(thread);
        List<Key<?>> outerToInner = new ArrayList<>(stack == null ? List.of() : stack);
        Collections.reverse(outerToInner);
        int from = outerToInner.indexOf(key);
        return from < 0 ? List.of(key) : outerToInner.subList(from, outerToInner.size());
    }

    private <T> T build(Key<T> key, Slot slot, Thread me) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Registration<T> registration = (Registration<T>) registrations.get(key);
        T value;
        try {
            value = registration.factory().apply(this);
            if (value == null) {
                throw new NullPointerException("the factory of " + key + " returned null");
            }
            value = key.type().cast(value);
        } catch (Throwable error) {
            finishBuilding(key, me, null);
            slot.value.completeExceptionally(error);
            if (error instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw failed(key, error);
        }
        Built<T> done = new Built<>(registration, value);
        if (!finishBuilding(key, me, done)) {
            // The entrypoint stopped while the factory ran: close() has passed, so the value is closed here.
            EntrypointException stopped = new EntrypointException(owner + " stopped while " + key
                    + " was being built: the new value is closed", null);
            try {
                done.close();
            } catch (Throwable error) {
                stopped.addSuppressed(error);
            }
            slot.value.completeExceptionally(stopped);
            throw stopped;
        }
        slot.value.complete(value);
        return value;
    }

    /** Ends a build; a built value is kept for {@link #close()} unless that already ran (then false). */
    private boolean finishBuilding(Key<?> key, Thread me, Built<?> done) {
        lock.lock();
        try {
            Deque<Key<?>> stack = building.get(me);
            stack.remove(key);
            if (stack.isEmpty()) {
                building.remove(me);
            }
            if (done == null || closed) {
                return false;
            }
            built.add(done);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private EntrypointException failed(Key<?> key, Throwable cause) {
        if (cause instanceof EntrypointException nested && nested.getMessage().startsWith("dependency cycle")) {
            return new EntrypointException(nested.getMessage(), nested);
        }
        return new EntrypointException("dependency " + key + " failed to build: " + cause, cause);
    }

    /**
     * Closes every built dependency in reverse order of construction; later requests fail. Idempotent.
     *
     * @return the failures of closers, in the order they happened, each naming its key
     */
    public List<EntrypointException> close() {
        List<Built<?>> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(built);
            built.clear();
        } finally {
            lock.unlock();
        }
        Collections.reverse(toClose);
        List<EntrypointException> failures = new ArrayList<>();
        for (Built<?> dependency : toClose) {
            try {
                dependency.close();
            } catch (Throwable error) {
                failures.add(new EntrypointException("closing dependency " + dependency.registration().key()
                        + " failed: " + error, error));
            }
        }
        return failures;
    }
}
