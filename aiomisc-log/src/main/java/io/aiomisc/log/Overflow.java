package io.aiomisc.log;

/** What a {@link BufferedAppender} does with a record when its queue is full. */
public enum Overflow {
    /** The logging thread waits (parked, using no CPU) until the writer has made room; no record is lost. */
    BLOCK,
    /** The record is dropped at once and counted in {@link LogStatistics#dropped()}; logging never waits. */
    DROP
}
