package io.aiomisc.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One asynchronous retried call of {@link Retry#callAsync}. Attempts, their timers and the deadline timer race
 * each other; {@code lock} orders them, and the outcome is settled by whoever completes {@code result} first.
 */
final class RetryAsync<T> {

    private final Retry retry;
    private final RetrySettings settings;
    private final Supplier<? extends CompletionStage<T>> work;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Failures failures = new Failures();
    private final long start;

    // Guarded by lock.
    private int attempt;
    private CompletableFuture<T> current;
    private Future<?> deadlineTimer;

    RetryAsync(Retry retry, Supplier<? extends CompletionStage<T>> work) {
        this.retry = retry;
        this.settings = retry.settings();
        this.work = work;
        this.start = settings.ticker.nanoTime();
    }

    CompletableFuture<T> start() {
        result.whenComplete((value, error) -> onResult());
        if (settings.deadlineNanos > 0) {
            Future<?> timer = settings.ticker.schedule(this::onDeadline, Duration.ofNanos(settings.deadlineNanos));
            lock.lock();
            try {
                deadlineTimer = timer;
            } finally {
                lock.unlock();
            }
        }
        startAttempt();
        return result;
    }

    private void startAttempt() {
        int number;
        lock.lock();
        try {
            if (result.isDone()) {
                return;
            }
            number = ++attempt;
        } finally {
            lock.unlock();
        }
        retry.countAttemptStarted();
        long attemptStart = settings.ticker.nanoTime();
        CompletableFuture<T> stage;
        try {
            stage = Objects.requireNonNull(work.get(), "work returned a null stage").toCompletableFuture();
        } catch (Throwable e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> userStage = stage;
        // Our own view of the attempt, so a timeout never completes the caller's future with our exception.
        CompletableFuture<T> outcome = new CompletableFuture<>();
        AtomicReference<TimeoutException> timeout = new AtomicReference<>();
        Future<?> timer = settings.attemptTimeoutNanos == 0 ? null : settings.ticker.schedule(() -> {
            TimeoutException expired = Retry.attemptTimedOut(number, null);
            timeout.set(expired);
            if (outcome.completeExceptionally(expired)) {
                // Tell the work it is late, in case it listens to cancellation.
                userStage.cancel(true);
            }
        }, Duration.ofNanos(settings.attemptTimeoutNanos));
        lock.lock();
        try {
            current = userStage;
        } finally {
            lock.unlock();
        }
        if (result.isDone()) {
            userStage.cancel(true);
        }
        userStage.whenComplete((value, error) -> {
            if (error == null) {
                outcome.complete(value);
            } else {
                outcome.completeExceptionally(Failures.unwrap(error));
            }
        });
        outcome.whenComplete((value, error) -> {
            if (timer != null) {
                timer.cancel(false);
            }
            retry.countAttemptDone(settings.ticker.nanoTime() - attemptStart, error != null);
            if (error == null) {
                result.complete(value);
            } else {
                onAttemptFailed(number, error, error == timeout.get());
            }
        });
    }

    private void onAttemptFailed(int number, Throwable failure, boolean timedOut) {
        long pause;
        lock.lock();
        try {
            if (result.isDone()) {
                return;
            }
            if (!timedOut && (failure instanceof CancellationException || !settings.retries(failure))) {
                result.completeExceptionally(failures.withEarlier(failure));
                return;
            }
            failures.add(failure);
            boolean givesUp;
            try {
                givesUp = number >= settings.maxTries || retry.givesUp(failure);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                return;
            }
            if (givesUp) {
                result.completeExceptionally(failures.withEarlier(failure));
                return;
            }
            pause = settings.pauseNanos(number);
            if (settings.deadlineNanos > 0
                    && settings.ticker.nanoTime() - start + pause >= settings.deadlineNanos) {
                result.completeExceptionally(retry.deadlineExpired(failures, number + 1, null));
                return;
            }
        } finally {
            lock.unlock();
        }
        if (pause > 0) {
            settings.ticker.schedule(this::launchAttempt, Duration.ofNanos(pause));
        } else {
            launchAttempt();
        }
    }

    /** Hands the next attempt to the executor; a rejection ends the call instead of leaving it hanging. */
    private void launchAttempt() {
        try {
            settings.executor.execute(this::startAttempt);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                result.completeExceptionally(failures.withEarlier(e));
            } finally {
                lock.unlock();
            }
        }
    }

    private void onDeadline() {
        lock.lock();
        try {
            if (!result.isDone()) {
                result.completeExceptionally(retry.deadlineExpired(failures, attempt, null));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs once the outcome is settled, however: stop the timers and the attempt still running. */
    private void onResult() {
        Future<?> timer;
        CompletableFuture<T> running;
        lock.lock();
        try {
            timer = deadlineTimer;
            running = current;
        } finally {
            lock.unlock();
        }
        if (timer != null) {
            timer.cancel(false);
        }
        if (running != null && !running.isDone()) {
            running.cancel(true);
        }
        if (result.isCancelled()) {
            retry.countCancel();
        }
    }
}
