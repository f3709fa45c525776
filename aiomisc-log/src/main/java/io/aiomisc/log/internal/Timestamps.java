package io.aiomisc.log.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Formats record times to the millisecond in the system time zone, formatting the part up to the second only once
 * per second. Thread-safe: the cache is one immutable entry in a volatile field.
 */
final class Timestamps {

    private record Second(long epochSecond, String text, String offset) {
    }

    private final DateTimeFormatter formatter;
    private final char fractionSeparator;
    private final boolean withOffset;
    private final ZoneId zone;
    private volatile Second cached = new Second(Long.MIN_VALUE, "", "");

    private Timestamps(String pattern, char fractionSeparator, boolean withOffset) {
        this.formatter = DateTimeFormatter.ofPattern(pattern);
        this.fractionSeparator = fractionSeparator;
        this.withOffset = withOffset;
        this.zone = ZoneId.systemDefault();
    }

    /** {@code 2024-05-01 12:00:00.123}, for reading. */
    static Timestamps readable() {
        return new Timestamps("uuuu-MM-dd HH:mm:ss", '.', false);
    }

    /** {@code 2024-05-01T12:00:00.123+02:00} (ISO-8601, {@code Z} for UTC), for machines. */
    static Timestamps iso8601() {
        return new Timestamps("uuuu-MM-dd'T'HH:mm:ss", '.', true);
    }

    void append(StringBuilder out, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        Second second = cached;
        if (second.epochSecond != epochSecond) {
            ZonedDateTime time = Instant.ofEpochSecond(epochSecond).atZone(zone);
            ZoneOffset offset = time.getOffset();
            second = new Second(epochSecond, formatter.format(time), offset.getId());
            cached = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        out.append(second.text).append(fractionSeparator);
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        out.append(millis);
        if (withOffset) {
            out.append(second.offset);
        }
    }
}
