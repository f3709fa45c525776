package io.aiomisc;

import java.io.Serial;

/**
 * A lifecycle failure: a service's {@code start} or {@code stop}, a hook, a dependency, or a stop that overran
 * its timeout. The cause is the first failure; later ones are attached with {@link #addSuppressed}, each
 * wrapped in an {@code EntrypointException} whose message says where it happened.
 */
public class EntrypointException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the entrypoint or service
     * @param cause   the failure, may be null
     */
    public EntrypointException(String message, Throwable cause) {
        super(message, cause);
    }
}
