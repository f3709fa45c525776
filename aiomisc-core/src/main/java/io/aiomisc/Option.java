package io.aiomisc;

import java.util.Objects;

/**
 * A typed entrypoint option that a module defines for its own settings (for example the Netty transport),
 * set with {@link Entrypoint.Builder#set(Option, Object)} and read back with {@link Entrypoint#option(Option)}.
 *
 * <p>Options compare by identity: declare each one once, as a {@code public static final} constant.
 * Instances are immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
public final class Option<T> {
    private final String name;
    private final Class<T> type;
    private final T defaultValue;

    private Option(String name, Class<T> type, T defaultValue) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /**
     * Declares an option.
     *
     * @param name         the name used in messages, not blank
     * @param type         the type of the value
     * @param defaultValue the value when the option is not set, not null
     * @param <T>          the type of the value
     * @return the option
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank or {@code defaultValue} is not a {@code type}
     */
    public static <T> Option<T> of(String name, Class<T> type, T defaultValue) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        if (!type.isInstance(defaultValue)) {
            throw new IllegalArgumentException("defaultValue of option " + name + " must be a " + type.getName()
                    + ", was a " + defaultValue.getClass().getName());
        }
        return new Option<>(name, type, defaultValue);
    }

    /**
     * Returns the name.
     *
     * @return the name given to {@link #of}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the type of the value.
     *
     * @return the type given to {@link #of}
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns the value used when the option is not set.
     *
     * @return the default value, never null
     */
    public T defaultValue() {
        return defaultValue;
    }

    T cast(Object value) {
        Objects.requireNonNull(value, () -> "value of option " + name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("option " + name + " takes a " + type.getName() + ", was given a "
                    + value.getClass().getName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "Option[" + name + ": " + type.getSimpleName() + " = " + defaultValue + "]";
    }
}
