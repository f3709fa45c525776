package io.aiomisc.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The blocking retry loop of {@link Retry#call(Callable)}: every attempt runs on the caller's thread. */
final class RetryBlocking {

    private RetryBlocking() {
    }

    static <T> T call(Retry retry, Callable<T> work) throws Exception {
        RetrySettings settings = retry.settings();
        Ticker ticker = settings.ticker;
        long start = settings.deadlineNanos > 0 ? ticker.nanoTime() : 0;
        Failures failures = new Failures();
        for (int attempt = 1; ; attempt++) {
            long limit = settings.attemptTimeoutNanos;
            boolean limitedByDeadline = false;
            if (settings.deadlineNanos > 0) {
                long remaining = settings.deadlineNanos - (ticker.nanoTime() - start);
                if (remaining <= 0) {
                    throw Failures.rethrowable(retry.deadlineExpired(failures, attempt, null));
                }
                if (limit == 0 || remaining < limit) {
                    limit = remaining;
                    limitedByDeadline = true;
                }
            }
            retry.countAttemptStarted();
            long attemptStart = ticker.nanoTime();
            Watchdog watchdog = limit > 0 ? Watchdog.arm(ticker, limit) : null;
            T result = null;
            Throwable failure = null;
            try {
                result = work.call();
            } catch (Throwable e) {
                failure = e;
            }
            boolean timedOut = watchdog != null && watchdog.disarm();
            retry.countAttemptDone(ticker.nanoTime() - attemptStart, timedOut || failure != null);
            if (timedOut) {
                if (limitedByDeadline) {
                    throw Failures.rethrowable(retry.deadlineExpired(failures, attempt, failure));
                }
                failure = Retry.attemptTimedOut(attempt, failure);
            } else if (failure == null) {
                return result;
            } else if (failure instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                retry.countCancel();
                throw Failures.rethrowable(failures.withEarlier(failure));
            } else if (!settings.retries(failure)) {
                throw Failures.rethrowable(failures.withEarlier(failure));
            }
            failures.add(failure);
            if (attempt >= settings.maxTries || retry.givesUp(failure)) {
                throw Failures.rethrowable(failures.withEarlier(failure));
            }
            long pause = settings.pauseNanos(attempt);
            if (settings.deadlineNanos > 0 && ticker.nanoTime() - start + pause >= settings.deadlineNanos) {
                throw Failures.rethrowable(retry.deadlineExpired(failures, attempt + 1, null));
            }
            if (pause > 0) {
                try {
                    ticker.sleep(Duration.ofNanos(pause));
                } catch (InterruptedException e) {
                    retry.countCancel();
                    throw (InterruptedException) failures.withEarlier(e);
                }
            }
        }
    }
}
