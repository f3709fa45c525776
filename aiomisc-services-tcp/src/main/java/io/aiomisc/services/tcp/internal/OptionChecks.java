package io.aiomisc.services.tcp.internal;

import java.net.SocketOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The validation behind every constructor and {@code Options} record of the TCP services, so that a bad value
 * is reported in the same words everywhere: an {@link IllegalArgumentException} naming the parameter and the
 * value, a {@link NullPointerException} naming the parameter.
 */
public final class OptionChecks {
    private OptionChecks() {
    }

    /**
     * Checks a host to bind or connect to.
     *
     * @param host the host
     * @return {@code host}
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if it is blank
     */
    public static String host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank (use \"0.0.0.0\" or \"::\" for every "
                    + "interface), was '" + host + "'");
        }
        return host;
    }

    /**
     * Checks a port to bind, where 0 asks for an unused one.
     *
     * @param port the port
     * @return {@code port}
     * @throws IllegalArgumentException if it is outside 0..65535
     */
    public static int localPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535 (0: an unused port), was " + port);
        }
        return port;
    }

    /**
     * Checks a port to connect to.
     *
     * @param port the port
     * @return {@code port}
     * @throws IllegalArgumentException if it is outside 1..65535
     */
    public static int remotePort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        return port;
    }

    /**
     * Checks a count or size that must be at least 1.
     *
     * @param name  the parameter's name
     * @param value its value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    /**
     * Checks a duration that may be zero but not negative.
     *
     * @param name     the parameter's name
     * @param duration its value
     * @return {@code duration}
     * @throws NullPointerException     if {@code duration} is null
     * @throws IllegalArgumentException if it is negative
     */
    public static Duration notNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }

    /**
     * Checks a duration that must be positive.
     *
     * @param name     the parameter's name
     * @param duration its value
     * @return {@code duration}
     * @throws NullPointerException     if {@code duration} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

    /**
     * Checks JDK socket options and copies them.
     *
     * @param socketOptions the options
     * @return an unmodifiable copy, in the given order
     * @throws NullPointerException     if the map, a key or a value is null
     * @throws IllegalArgumentException if a value is not of its option's type
     */
    public static Map<SocketOption<?>, Object> socketOptions(Map<SocketOption<?>, Object> socketOptions) {
        Objects.requireNonNull(socketOptions, "socketOptions");
        Map<SocketOption<?>, Object> copy = new LinkedHashMap<>();
        socketOptions.forEach((option, value) -> {
            Objects.requireNonNull(option, "socket option");
            Objects.requireNonNull(value, () -> "value of socket option " + option.name());
            if (!option.type().isInstance(value)) {
                throw new IllegalArgumentException("socket option " + option.name() + " takes a "
                        + option.type().getSimpleName() + ", was given " + value + " ("
                        + value.getClass().getSimpleName() + ")");
            }
            copy.put(option, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Returns socket options with one set (added, or replacing the earlier value); the caller's record checks
     * the result.
     *
     * @param socketOptions the options so far
     * @param option        the option to set
     * @param value         its value
     * @param <T>           its type
     * @return a new map
     * @throws NullPointerException if {@code option} or {@code value} is null
     */
    public static <T> Map<SocketOption<?>, Object> with(Map<SocketOption<?>, Object> socketOptions,
                                                        SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        Map<SocketOption<?>, Object> changed = new LinkedHashMap<>(socketOptions);
        changed.put(option, value);
        return changed;
    }
}
