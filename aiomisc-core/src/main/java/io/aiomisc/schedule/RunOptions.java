package io.aiomisc.schedule;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * How a recurring, periodic or cron callback treats its runs.
 *
 * @param shield when true, {@code stop()} does not interrupt a running callback: the run finishes and
 *        then the loop ends (aiomisc's {@code shield=True}); default false
 * @param suppressed exception types that count as failed runs without being logged (aiomisc's
 *        {@code suppress_exceptions}); a thrown exception matches when it is an instance of one of them;
 *        default empty
 */
public record RunOptions(boolean shield, Set<Class<? extends Exception>> suppressed) {

    /** No shield, nothing suppressed. */
    public static final RunOptions DEFAULT = new RunOptions(false, Set.of());

    /**
     * Validates and copies the options.
     *
     * @throws NullPointerException if {@code suppressed} or one of its elements is null
     */
    public RunOptions {
        suppressed = Set.copyOf(suppressed);
    }

    /**
     * Returns a copy with {@link #shield()} set.
     *
     * @param shield whether a running callback is left to finish on stop
     * @return the new options
     */
    public RunOptions withShield(boolean shield) {
        return new RunOptions(shield, suppressed);
    }

    /**
     * Returns a copy whose {@link #suppressed()} set is {@code types}.
     *
     * @param types exception types counted as failures without a log record
     * @return the new options
     * @throws NullPointerException if {@code types} or one of them is null
     */
    @SafeVarargs
    public final RunOptions withSuppressed(Class<? extends Exception>... types) {
        return new RunOptions(shield, Set.copyOf(Arrays.asList(Objects.requireNonNull(types, "types"))));
    }

    boolean isSuppressed(Throwable error) {
        for (Class<? extends Exception> type : suppressed) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }
}
