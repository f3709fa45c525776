package io.aiomisc.services.tcp;

import java.io.IOException;
import java.io.Serial;

/**
 * A line or separator was not found within the connection's limit (asyncio {@code LimitOverrunError}): thrown by
 * {@link TcpConnection#readLine()} and {@link TcpConnection#readUntil(byte[])}. The bytes looked at are discarded.
 * Uncaught in a handler, it closes that connection only.
 */
public final class LimitOverrunException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The limit in bytes that was reached. */
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param what  what was looked for, for the message ("line", "separator")
     * @param limit the limit in bytes that was reached
     */
    public LimitOverrunException(String what, int limit) {
        super(what + " not found within the limit of " + limit + " bytes; the bytes read were discarded");
        this.limit = limit;
    }

    /**
     * Returns the limit that was reached.
     *
     * @return the limit in bytes
     */
    public int limit() {
        return limit;
    }
}
