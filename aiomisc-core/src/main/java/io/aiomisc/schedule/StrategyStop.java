package io.aiomisc.schedule;

/**
 * Thrown by a {@link RecurringCallback.Strategy} to end the loop: the callback is not run again and
 * {@link RecurringCallback#stop()}'s future completes normally.
 */
public final class StrategyStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal. */
    public StrategyStop() {
        super("strategy stopped the recurring callback", null, false, false);
    }
}
