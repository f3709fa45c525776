package io.aiomisc;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/** Runs a main body between start and stop ({@link Entrypoint#runUntilComplete}, {@link Entrypoint#run}). */
final class MainRunner {
    private MainRunner() {
    }

    static <T> T run(Lifecycle lifecycle, Callable<T> main) throws Exception {
        Thread me = Thread.currentThread();
        lifecycle.enterMain(me);
        T result = null;
        Throwable error = null;
        try (CurrentEntrypoint.Scope scope = lifecycle.bindHere()) {
            result = main.call();
        } catch (Throwable t) {
            error = t;
        } finally {
            lifecycle.mains().exit(me);
        }
        if (lifecycle.stoppedByOtherThan(me)) {
            awaitUninterruptibly(lifecycle);
            EntrypointException failure = lifecycle.failures()
                    .take(lifecycle.id() + " stopped while main was running", source -> true);
            if (failure == null && error == null) {
                return result;
            }
            if (failure == null) {
                Throwable cause = lifecycle.stopCause();
                failure = new EntrypointException(lifecycle.id() + " was stopped before main completed",
                        cause != null ? cause : new CancellationException("stop() was called while main ran"));
            }
            if (error != null) {
                failure.addSuppressed(error);
            }
            throw failure;
        }
        if (error != null) {
            throw rethrow(error);
        }
        return result;
    }

    /** Runs {@code main}, then stops the entrypoint with main's exception as the cause, as aiomisc does. */
    static <T> T runAndStop(Entrypoint entrypoint, Callable<T> main) throws Exception {
        Lifecycle lifecycle = entrypoint.lifecycle();
        T result;
        try {
            result = run(lifecycle, main);
        } catch (Throwable error) {
            lifecycle.stop(error);
            EntrypointException failure = lifecycle.failures().take(lifecycle.id() + " stopped", source -> true);
            if (failure != null) {
                error.addSuppressed(failure);
            }
            throw rethrow(error);
        }
        entrypoint.close();
        return result;
    }

    private static void awaitUninterruptibly(Lifecycle lifecycle) {
        boolean interrupted = false;
        while (true) {
            try {
                lifecycle.terminated().get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Exception rethrow(Throwable error) {
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return (Exception) error;
    }
}
