package io.aiomisc.services.http.internal;

import io.netty.util.AsciiString;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header value, formatted once per second rather than once per response. Thread-safe: a race
 * formats the same second twice, harmlessly.
 */
final class DateHeader {
    private record Stamp(long second, AsciiString value) {
    }

    private volatile Stamp stamp = new Stamp(-1, AsciiString.EMPTY_STRING);

    AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second() != second) {
            s = new Stamp(second, new AsciiString(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC))));
            stamp = s;
        }
        return s.value();
    }
}
