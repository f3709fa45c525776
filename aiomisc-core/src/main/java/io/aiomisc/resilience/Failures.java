package io.aiomisc.resilience;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failures of one retried call: the last one is what the caller gets, the earlier ones ride along as
 * suppressed exceptions. Not thread-safe; the async retry guards it with its own lock.
 */
final class Failures {

    /** How many earlier failures are kept as suppressed: enough to diagnose, bounded for endless retries. */
    static final int MAX_SUPPRESSED = 16;

    private ArrayDeque<Throwable> earlier; // created on the second failure: the happy path allocates nothing
    private Throwable last;

    void add(Throwable failure) {
        if (last != null && last != failure) {
            if (earlier == null) {
                earlier = new ArrayDeque<>();
            } else if (earlier.size() == MAX_SUPPRESSED) {
                earlier.removeFirst();
            }
            earlier.addLast(last);
        }
        last = failure;
    }

    Throwable last() {
        return last;
    }

    /** Returns {@code failure} with every earlier failure attached as suppressed; used once, when giving up. */
    Throwable withEarlier(Throwable failure) {
        for (Throwable previous : earlier == null ? List.<Throwable>of() : earlier) {
            if (previous != failure && !alreadySuppressed(failure, previous)) {
                failure.addSuppressed(previous);
            }
        }
        if (last != null && last != failure && !alreadySuppressed(failure, last)) {
            failure.addSuppressed(last);
        }
        return failure;
    }

    private static boolean alreadySuppressed(Throwable failure, Throwable candidate) {
        for (Throwable s : failure.getSuppressed()) {
            if (s == candidate) {
                return true;
            }
        }
        return false;
    }

    /** Strips the wrappers that {@code CompletableFuture} adds around a stage's failure. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Lets a {@code throws Exception} method rethrow any throwable: errors are thrown here, as they are. */
    static Exception rethrowable(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof Exception exception) {
            return exception;
        }
        return new UndeclaredThrowableException(e);
    }
}
