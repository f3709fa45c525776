package io.aiomisc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The lifecycle failures of one entrypoint, in the order they happened, each reported to a caller once.
 * Thread-safe.
 */
final class Failures {
    private record Failure(Object source, String what, Throwable error) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Failure> pending = new ArrayList<>();
    private Throwable firstEver;

    /**
     * Records a failure.
     *
     * @param source what it belongs to (a service runner, or an operation's token), for {@link #take}
     * @param what   where it happened, e.g. {@code "HelloService[FAILED] failed to start"}
     * @param error  the failure
     */
    void add(Object source, String what, Throwable error) {
        lock.lock();
        try {
            pending.add(new Failure(source, what, error));
            if (firstEver == null) {
                firstEver = error;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the first failure ever recorded, reported or not.
     *
     * @return the failure, or null
     */
    Throwable first() {
        lock.lock();
        try {
            return firstEver;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the first unreported failure whose source matches.
     *
     * @param sources which failures to look at
     * @return the failure, or null
     */
    Throwable firstOf(Predicate<Object> sources) {
        lock.lock();
        try {
            for (Failure failure : pending) {
                if (sources.test(failure.source())) {
                    return failure.error();
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the unreported failures whose source matches and turns them into one exception.
     *
     * @param headline what the caller was doing, e.g. {@code "entrypoint-1 failed to start"}
     * @param sources  which failures to take
     * @return the exception (cause: the first failure; the others suppressed), or null when there is none
     */
    EntrypointException take(String headline, Predicate<Object> sources) {
        List<Failure> taken = new ArrayList<>();
        lock.lock();
        try {
            pending.removeIf(failure -> sources.test(failure.source()) && taken.add(failure));
        } finally {
            lock.unlock();
        }
        if (taken.isEmpty()) {
            return null;
        }
        Failure first = taken.get(0);
        EntrypointException exception = new EntrypointException(
                headline + ": " + first.what() + ": " + first.error(), first.error());
        for (Failure later : taken.subList(1, taken.size())) {
            exception.addSuppressed(new EntrypointException(later.what() + ": " + later.error(), later.error()));
        }
        return exception;
    }
}
