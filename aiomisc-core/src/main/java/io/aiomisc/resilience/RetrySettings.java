package io.aiomisc.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/** The immutable, validated options of a {@link Retry}. */
final class RetrySettings {
    final String name;
    final long attemptTimeoutNanos;
    final Duration deadline;
    final long deadlineNanos;
    final long pauseNanos;
    final double factor;
    final long maxPauseNanos;
    final double jitter;
    final int maxTries;
    final List<Class<? extends Throwable>> retryOn;
    final Predicate<? super Throwable> giveUp;
    final Ticker ticker;
    final Executor executor;
    final DoubleSupplier random;

    RetrySettings(RetryBuilder b) {
        name = b.name == null ? "retry" : b.name;
        attemptTimeoutNanos = b.attemptTimeout == null ? 0 : Durations.saturatedNanos(b.attemptTimeout);
        deadline = b.deadline;
        deadlineNanos = b.deadline == null ? 0 : Durations.saturatedNanos(b.deadline);
        pauseNanos = b.pause == null ? 0 : Durations.saturatedNanos(b.pause);
        factor = Double.isNaN(b.factor) ? 1.0 : b.factor;
        maxPauseNanos = b.maxPause == null ? Long.MAX_VALUE : Durations.saturatedNanos(b.maxPause);
        jitter = Double.isNaN(b.jitter) ? 0.0 : b.jitter;
        maxTries = b.maxTries == 0 ? Integer.MAX_VALUE : b.maxTries;
        retryOn = b.retryOn == null ? List.of(Exception.class) : b.retryOn;
        giveUp = b.giveUp == null ? failure -> false : b.giveUp;
        ticker = b.ticker == null ? Ticker.system() : b.ticker;
        executor = b.executor == null ? Retry::startVirtualThread : b.executor;
        random = b.random == null ? () -> ThreadLocalRandom.current().nextDouble() : b.random;
    }

    boolean retries(Throwable failure) {
        for (Class<? extends Throwable> type : retryOn) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    long pauseNanos(int attempt) {
        if (pauseNanos == 0) {
            return 0;
        }
        double pause = pauseNanos * Math.pow(factor, attempt - 1);
        pause = Math.min(pause, (double) maxPauseNanos);
        if (jitter > 0) {
            pause *= 1 - jitter + 2 * jitter * random.getAsDouble();
        }
        return pause >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, Math.round(pause));
    }
}
