package dev.lunora.runtime.query;

import java.util.Map;
import java.util.Objects;

/**
 * One row of a grouped query: the group's key and its aggregate values. Immutable.
 *
 * @param key the grouping field's value; null for the group of rows whose field is null
 * @param values the value of each aggregate of the query
 * @param <K> the key type
 */
public record Group<K>(K key, Map<Aggregate<?, ?>, Object> values) {
    /** Copies {@code values}. */
    public Group {
        values = Map.copyOf(values);
    }

    /**
     * The value of {@code aggregate} for this group.
     *
     * @throws IllegalArgumentException if the query did not compute {@code aggregate}
     */
    @SuppressWarnings("unchecked")
    public <A> A get(Aggregate<?, A> aggregate) {
        Object value = values.get(Objects.requireNonNull(aggregate, "aggregate"));
        if (value == null) {
            throw new IllegalArgumentException("the query does not compute " + aggregate);
        }
        // The value was produced by this very aggregate, whose type parameter A it has.
        return (A) value;
    }
}
