package io.aiomisc.log;

/**
 * Counters of a logging set-up, a snapshot taken by {@link LogHandle#statistics()} or
 * {@link BufferedAppender#statistics()}.
 *
 * <p>Once everything has been written ({@link LogHandle#flush()} or {@link LogHandle#close()} returned and no
 * thread is logging), {@code appended == written + dropped}.
 *
 * @param appended records handed to the set-up (after level filtering), including the dropped ones
 * @param written  records passed to the output
 * @param dropped  records thrown away because the buffer was full ({@link Overflow#DROP} only)
 * @param flushes  how many times the output stream was flushed; unbuffered output is flushed after every record
 */
public record LogStatistics(long appended, long written, long dropped, long flushes) {
}
