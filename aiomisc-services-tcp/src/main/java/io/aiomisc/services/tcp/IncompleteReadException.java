package io.aiomisc.services.tcp;

import java.io.EOFException;
import java.io.Serial;

/**
 * The stream ended before a read could be completed (asyncio {@code IncompleteReadError}): thrown by
 * {@link TcpConnection#readExactly(int)} and {@link TcpConnection#readUntil(byte[])}. It carries the bytes that
 * did arrive.
 */
public final class IncompleteReadException extends EOFException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The bytes received before the end of the stream; kept as given, never exposed without a copy. */
    private final byte[] partial;
    /** The number of bytes the read wanted, or -1 when it wanted a separator. */
    private final int expected;

    /**
     * Creates the exception.
     *
     * @param partial  the bytes that arrived before the end of the stream (copied)
     * @param expected the number of bytes wanted, or -1 when a separator was wanted
     * @throws NullPointerException if {@code partial} is null
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(partial.length + " bytes read before end of stream, "
                + (expected < 0 ? "separator not found" : expected + " expected"));
        this.partial = partial.clone();
        this.expected = expected;
    }

    /**
     * Returns the bytes that arrived before the end of the stream.
     *
     * @return a copy of the partial data
     */
    public byte[] partial() {
        return partial.clone();
    }

    /**
     * Returns how many bytes were wanted.
     *
     * @return the count asked of {@code readExactly}, or -1 for {@code readUntil}
     */
    public int expected() {
        return expected;
    }
}
