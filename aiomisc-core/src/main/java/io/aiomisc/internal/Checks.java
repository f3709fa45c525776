package io.aiomisc.internal;

import java.time.Duration;

/**
 * The argument checks of the module's builders and constructors, so that every one of them words its failures
 * the same way: {@code "<parameter> must be > 0, was <value>"} for a bad value (STYLE 10) and
 * {@code "<option> was already set to <value>"} for an option set twice. Stateless; every method is
 * thread-safe and returns at once.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks that a duration is positive.
     *
     * @param value     the value
     * @param parameter its name, for the messages
     * @return {@code value}
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration value, String parameter) {
        if (nonNull(value, parameter).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(parameter + " must be > 0, was " + value);
        }
        return value;
    }

    /**
     * Checks that a duration is zero or positive.
     *
     * @param value     the value
     * @param parameter its name, for the messages
     * @return {@code value}
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is negative
     */
    public static Duration nonNegative(Duration value, String parameter) {
        if (nonNull(value, parameter).isNegative()) {
            throw new IllegalArgumentException(parameter + " must be >= 0, was " + value);
        }
        return value;
    }

    /**
     * Checks that a number is at least a minimum.
     *
     * @param value     the value
     * @param min       the smallest value allowed
     * @param parameter its name, for the message
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static void atLeast(long value, long min, String parameter) {
        if (value < min) {
            throw new IllegalArgumentException(parameter + " must be >= " + min + ", was " + value);
        }
    }

    /**
     * Checks a name given to a helper (statistics, logs, thread names).
     *
     * @param value     the name
     * @param parameter the parameter's name, for the messages
     * @return {@code value}
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is blank
     */
    public static String notBlank(String value, String parameter) {
        if (nonNull(value, parameter).isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank, was \"" + value + "\"");
        }
        return value;
    }

    /**
     * Checks that a builder option held in a reference has not been set yet (null means unset).
     *
     * @param current the option's current value
     * @param option  its name, for the message
     * @throws IllegalStateException if {@code current} is not null
     */
    public static void once(Object current, String option) {
        if (current != null) {
            throw alreadySet(option, current);
        }
    }

    /**
     * Checks that a builder option held in a whole number whose valid values exclude 0 has not been set yet
     * (0 means unset).
     *
     * @param current the option's current value
     * @param option  its name, for the message
     * @throws IllegalStateException if {@code current} is not 0
     */
    public static void once(long current, String option) {
        if (current != 0) {
            throw alreadySet(option, current);
        }
    }

    /**
     * Checks that a builder option held in a {@code double} has not been set yet (NaN means unset).
     *
     * @param current the option's current value
     * @param option  its name, for the message
     * @throws IllegalStateException if {@code current} is not NaN
     */
    public static void once(double current, String option) {
        if (!Double.isNaN(current)) {
            throw alreadySet(option, current);
        }
    }

    private static <T> T nonNull(T value, String parameter) {
        if (value == null) {
            throw new NullPointerException(parameter + " must not be null");
        }
        return value;
    }

    private static IllegalStateException alreadySet(String option, Object current) {
        return new IllegalStateException(option + " was already set to " + current);
    }
}
