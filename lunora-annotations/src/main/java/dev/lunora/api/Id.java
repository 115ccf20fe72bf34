package dev.lunora.api;

import java.util.Objects;

/**
 * The id of a row in the table whose record is {@code T}. On the wire it is the plain string {@link #value()}.
 *
 * @param value the id string, never blank
 * @param <T> the table record the id points into
 */
public record Id<T>(String value) implements Comparable<Id<T>> {
    /** Rejects a null or blank id. */
    public Id {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an id cannot be blank");
        }
    }

    /** The id with the given string value. */
    public static <T> Id<T> of(String value) {
        return new Id<>(value);
    }

    @Override
    public int compareTo(Id<T> other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
