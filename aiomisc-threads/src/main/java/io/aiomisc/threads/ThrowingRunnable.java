package io.aiomisc.threads;

/**
 * A block of code without a result that may throw any exception: the body handed to
 * {@link Threaded#run(ThrowingRunnable)} and used by the core for service bodies.
 *
 * <p>Implementations decide their own thread-safety; the library calls {@link #run()} once per
 * submission, from whichever thread runs the task.
 */
@FunctionalInterface
public interface ThrowingRunnable {

    /**
     * Runs the code.
     *
     * @throws Exception whatever the code throws; the caller that ran it passes it on (for example
     *     by completing a future exceptionally)
     */
    void run() throws Exception;
}
