package io.aiomisc;

import java.util.Objects;

/**
 * A typed name for a value in a {@link Context} or a dependency registered with
 * {@link Entrypoint.Builder#dependency(Key, io.aiomisc.threads.ThrowingFunction)}.
 *
 * <p>Two keys are equal when their names and types are equal, so a key may be declared once as a
 * constant or rebuilt where it is used. Keys are immutable and thread-safe.
 *
 * @param name the name, not blank
 * @param type the type of the value; values are checked against it
 * @param <T>  the type of the value
 */
public record Key<T>(String name, Class<T> type) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if {@code name} or {@code type} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
    }

    /**
     * Creates a key.
     *
     * @param name the name, not blank
     * @param type the type of the value
     * @param <T>  the type of the value
     * @return the key
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> Key<T> of(String name, Class<T> type) {
        return new Key<>(name, type);
    }

    /**
     * Checks that {@code value} has this key's type.
     *
     * @param value the value, not null
     * @return the value as {@code T}
     * @throws NullPointerException if {@code value} is null
     * @throws ClassCastException   if {@code value} is not a {@link #type()}
     */
    T cast(Object value) {
        Objects.requireNonNull(value, () -> "value of " + this);
        if (!type.isInstance(value)) {
            throw new ClassCastException(this + " holds " + type.getName() + ", was given a "
                    + value.getClass().getName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "Key[" + name + ": " + type.getSimpleName() + "]";
    }
}
