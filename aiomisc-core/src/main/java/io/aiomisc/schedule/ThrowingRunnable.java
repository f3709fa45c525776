package io.aiomisc.schedule;

/**
 * A task that may throw any exception.
 *
 * <p>Interim copy of {@code io.aiomisc.threads.ThrowingRunnable} until aiomisc-threads is merged.
 */
@FunctionalInterface
public interface ThrowingRunnable {
    /**
     * Runs the task.
     *
     * @throws Exception whatever the task throws
     */
    void run() throws Exception;
}
