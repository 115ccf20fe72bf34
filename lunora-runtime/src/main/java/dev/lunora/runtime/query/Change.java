package dev.lunora.runtime.query;

import java.util.Objects;
import java.util.Optional;

/**
 * One row's change: an insert (only {@code row}), an update (both) or a delete (only {@code previous}). Immutable.
 *
 * @param kind what happened to the row
 * @param key the row's key
 * @param row the row after the change, absent for a delete
 * @param previous the row before the change, absent for an insert
 * @param <R> the row type
 */
public record Change<R>(Kind kind, String key, Optional<R> row, Optional<R> previous) {
    /** What happened to a row. */
    public enum Kind {
        /** The row appeared. */
        INSERT,
        /** The row's value changed; its key did not. */
        UPDATE,
        /** The row disappeared. */
        DELETE
    }

    /** Checks that {@code row} and {@code previous} are present exactly as {@code kind} requires. */
    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(previous, "previous");
        if (row.isPresent() != (kind != Kind.DELETE) || previous.isPresent() != (kind != Kind.INSERT)) {
            throw new IllegalArgumentException(kind + " of '" + key + "' with row " + row + ", previous " + previous);
        }
    }

    /** An insert of {@code row}. */
    public static <R> Change<R> insert(String key, R row) {
        return new Change<>(Kind.INSERT, key, Optional.of(row), Optional.empty());
    }

    /** An update from {@code previous} to {@code row}. */
    public static <R> Change<R> update(String key, R previous, R row) {
        return new Change<>(Kind.UPDATE, key, Optional.of(row), Optional.of(previous));
    }

    /** A delete of {@code previous}. */
    public static <R> Change<R> delete(String key, R previous) {
        return new Change<>(Kind.DELETE, key, Optional.empty(), Optional.of(previous));
    }

    /** The change from {@code before} to {@code after} (either absent), or empty when both are equal or absent. */
    public static <R> Optional<Change<R>> between(String key, Optional<R> before, Optional<R> after) {
        return Optional.ofNullable(betweenOrNull(key, before.orElse(null), after.orElse(null)));
    }

    /** Like {@link #between}, with null for an absent row and for no change: the operators' allocation-free form. */
    static <R> Change<R> betweenOrNull(String key, R before, R after) {
        if (before == null) {
            return after == null ? null : insert(key, after);
        }
        if (after == null) {
            return delete(key, before);
        }
        return before.equals(after) ? null : update(key, before, after);
    }
}
