package io.aiomisc.log.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * The base of our encoders: a record is written as UTF-8 text into a fresh {@link StringBuilder}; no header, no
 * footer. Thread-safe when {@link #write} is, as logback requires of encoders (an {@code OutputStreamAppender}
 * encodes outside its lock).
 */
abstract class LineEncoder extends EncoderBase<ILoggingEvent> {

    private final int capacity;

    /** Sizes each record's builder at {@code capacity} characters: about the length of a typical record. */
    LineEncoder(int capacity) {
        this.capacity = capacity;
    }

    /** Writes the record, with its line terminator(s). */
    abstract void write(StringBuilder out, ILoggingEvent event);

    @Override
    public final byte[] headerBytes() {
        return null;
    }

    @Override
    public final byte[] footerBytes() {
        return null;
    }

    @Override
    public final byte[] encode(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(capacity);
        write(out, event);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
