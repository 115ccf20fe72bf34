package dev.lunora.api.meta;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.function.Function;

/**
 * One field (record component) of a table row: its wire name, its declared type and how to read it from a row.
 * Immutable and thread-safe when {@code getter} is, as the generated method references are.
 *
 * @param name the component name, which is the field's wire name
 * @param type the component's declared type: a {@link Class} (a primitive class for a primitive component) or a
 *             {@link java.lang.reflect.ParameterizedType} such as {@code Id<Channel>}
 * @param getter reads the field from a row; the value is boxed for a primitive component
 * @param <R> the row record
 * @param <V> the field's value type
 */
public record Field<R, V>(String name, Type type, Function<R, V> getter) {
    /** Rejects null parts and a blank name. */
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(getter, "getter");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field name cannot be blank");
        }
    }

    /** The value of this field in {@code row}; null only where the component is {@code @Nullable}. */
    public V get(R row) {
        return getter.apply(row);
    }
}
