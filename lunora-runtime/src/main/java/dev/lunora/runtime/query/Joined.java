package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of a join: the left row and the matching right row, absent only for an unmatched left row of a left join.
 * Immutable when its rows are.
 *
 * @param left the left row
 * @param right the matching right row
 * @param <L> the left row type
 * @param <R> the right row type
 */
public record Joined<L, R>(L left, Optional<R> right) {
    /** Rejects nulls. */
    public Joined {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /** {@code field} of the left row, as a field of joined rows (for {@code where}, {@code orderBy}, a next join). */
    public static <L, R, V> Field<Joined<L, R>, V> left(Field<L, V> field) {
        return new Field<>(field.name(), field.type(), joined -> field.get(joined.left()));
    }

    /** {@code field} of the right row, as a field of joined rows; null where a left join found no right row. */
    public static <L, R, V> Field<Joined<L, R>, V> right(Field<R, V> field) {
        return new Field<>(field.name(), field.type(), joined -> joined.right().map(field::get).orElse(null));
    }
}
