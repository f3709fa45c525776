package io.aiomisc;

import java.io.Serial;

/**
 * The cause a service's {@code stop} receives when the entrypoint stops because of SIGINT or SIGTERM (aiomisc
 * passes {@code RuntimeError("Interrupt signal received")}), or because the JVM is shutting down.
 */
public final class ShutdownSignalException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The signal's name, e.g. {@code "SIGINT"}. */
    private final String signal;

    /**
     * Creates the exception.
     *
     * @param signal the signal's name, such as {@code "SIGINT"} or {@code "SIGTERM"}, or
     *               {@code "shutdown hook"} when the JVM is exiting
     */
    public ShutdownSignalException(String signal) {
        super("Interrupt signal received: " + signal, null, false, false);
        this.signal = signal;
    }

    /**
     * Tells whether a real signal caused the stop, rather than the JVM shutting down.
     *
     * @return true for SIGINT and SIGTERM
     */
    public boolean fromSignal() {
        return signal.startsWith("SIG");
    }

    /**
     * Returns the name of the signal that stopped the entrypoint.
     *
     * @return {@code "SIGINT"}, {@code "SIGTERM"} or {@code "shutdown hook"}
     */
    public String signal() {
        return signal;
    }
}
