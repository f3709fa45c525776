package io.aiomisc.examples;

import java.time.Duration;

/** Eager checks of constructor parameters, with messages that name the parameter and the value. */
final class Require {
    private Require() {
    }

    static String text(String parameter, String value) {
        if (value == null) {
            throw new IllegalArgumentException(parameter + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    static Duration positive(String parameter, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(parameter + " must not be null");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(parameter + " must be > 0, was " + value);
        }
        return value;
    }

    static long atLeastOne(String parameter, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(parameter + " must be >= 1, was " + value);
        }
        return value;
    }
}
