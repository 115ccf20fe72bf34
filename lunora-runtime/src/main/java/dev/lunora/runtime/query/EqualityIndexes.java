package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The equality indexes of one {@link RowSource}: for each indexed field, the source's rows by that field's value
 * ({@link Objects#equals}, null included). The code every source shares: it calls {@link #apply} with each change
 * batch before its listeners see it, so the indexes always hold the source's current rows. Not thread-safe: the
 * source calls it under its lock.
 *
 * @param <R> the row type
 */
public final class EqualityIndexes<R> {
    private final Function<R, String> key;
    private final Map<Field<? super R, ?>, Map<Object, Map<String, R>>> indexes = new HashMap<>();

    /** No indexes yet, over rows keyed by {@code key}. */
    public EqualityIndexes(Function<R, String> key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Whether no field is indexed, so the source need not work out its changes for the indexes. */
    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** Whether {@code field} is indexed. */
    public boolean has(Field<? super R, ?> field) {
        return indexes.containsKey(field);
    }

    /** Indexes {@code field} over the source's current {@code rows}; does nothing when it is indexed already. */
    public void create(Field<? super R, ?> field, Supplier<? extends Collection<R>> rows) {
        Objects.requireNonNull(field, "field");
        indexes.computeIfAbsent(field, indexed -> {
            Map<Object, Map<String, R>> byValue = new HashMap<>();
            for (R row : rows.get()) {
                byValue.computeIfAbsent(indexed.get(row), value -> new LinkedHashMap<>()).put(key.apply(row), row);
            }
            return byValue;
        });
    }

    /** Applies one of the source's change batches to every index. */
    public void apply(List<Change<R>> changes) {
        indexes.forEach((field, byValue) -> {
            for (Change<R> change : changes) {
                change.previous().ifPresent(old -> remove(byValue, field.get(old), change.key()));
                change.row().ifPresent(row -> byValue.computeIfAbsent(field.get(row), value -> new LinkedHashMap<>())
                        .put(change.key(), row));
            }
        });
    }

    /**
     * The batch inserting the rows whose {@code field} equals {@code value}, read from the field's index, which is
     * created first over {@code rows} when missing.
     */
    public <V> ChangeBatch<R> inserts(Field<? super R, V> field, V value, Supplier<? extends Collection<R>> rows) {
        create(field, rows);
        Map<String, R> matching = indexes.get(field).getOrDefault(value, Map.of());
        List<Change<R>> inserts = new ArrayList<>(matching.size());
        matching.forEach((rowKey, row) -> inserts.add(Change.insert(rowKey, row)));
        return new ChangeBatch<>(inserts);
    }

    private void remove(Map<Object, Map<String, R>> byValue, Object value, String rowKey) {
        Map<String, R> rows = byValue.get(value);
        if (rows != null && rows.remove(rowKey) != null && rows.isEmpty()) {
            byValue.remove(value);
        }
    }
}
