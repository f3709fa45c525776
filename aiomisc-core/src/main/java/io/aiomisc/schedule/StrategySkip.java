package io.aiomisc.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link RecurringCallback.Strategy} to skip the next run: the loop waits {@link #delay()}
 * and then asks the strategy again, without running the callback.
 */
public final class StrategySkip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The wait before the strategy is asked again. */
    private final transient Duration delay;

    /**
     * Creates the signal.
     *
     * @param delay how long to wait before asking the strategy again; negative counts as zero
     * @throws NullPointerException if {@code delay} is null
     */
    public StrategySkip(Duration delay) {
        super("skip, next attempt in " + Objects.requireNonNull(delay, "delay"), null, false, false);
        this.delay = delay;
    }

    /**
     * Returns the wait before the strategy is asked again.
     *
     * @return the delay given to the constructor
     */
    public Duration delay() {
        return delay;
    }
}
