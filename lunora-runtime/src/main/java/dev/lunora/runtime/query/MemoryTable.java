package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A standalone keyed {@link RowSource} held in memory, for tests, benchmarks and local-only data. Each {@code upsert}
 * or {@code delete} call is one atomic {@link ChangeBatch}. Thread-safe: calls are serialised, and listeners run on
 * the calling thread while the table's lock is held.
 *
 * @param <R> the row type
 */
public final class MemoryTable<R> implements RowSource<R> {
    private final String name;
    private final Function<R, String> key;
    private final Map<String, R> rows = new LinkedHashMap<>();
    private final List<Consumer<ChangeBatch<R>>> listeners = new CopyOnWriteArrayList<>();
    private final EqualityIndexes<R> indexes;

    private MemoryTable(String name, Function<R, String> key) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = Objects.requireNonNull(key, "key");
        this.indexes = new EqualityIndexes<>(key);
    }

    /** An empty table named {@code name} whose rows are keyed by {@code key}. */
    public static <R> MemoryTable<R> of(String name, Function<R, String> key) {
        return new MemoryTable<>(name, key);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Function<R, String> key() {
        return key;
    }

    @Override
    public synchronized Collection<R> rows() {
        return List.copyOf(rows.values());
    }

    /** The row with the given key. */
    public synchronized Optional<R> get(String rowKey) {
        return Optional.ofNullable(rows.get(rowKey));
    }

    /** The number of rows. */
    public synchronized int size() {
        return rows.size();
    }

    /** Inserts or replaces the given rows (by key) as one batch; a later row wins over an earlier one of its key. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final void upsert(R... newRows) {
        upsert(Arrays.asList(newRows));
    }

    /** Inserts or replaces the given rows (by key) as one batch; a later row wins over an earlier one of its key. */
    public synchronized void upsert(List<R> newRows) {
        if (listeners.isEmpty() && indexes.isEmpty()) {
            for (R row : newRows) {
                rows.put(key.apply(Objects.requireNonNull(row, "row")), row);
            }
            return;
        }
        Map<String, Optional<R>> before = new LinkedHashMap<>();
        for (R row : newRows) {
            String rowKey = key.apply(Objects.requireNonNull(row, "row"));
            R old = rows.put(rowKey, row);
            before.putIfAbsent(rowKey, Optional.ofNullable(old));
        }
        publish(before);
    }

    /** Deletes the rows with the given keys, as one batch; unknown keys are ignored. */
    public synchronized void delete(String... keys) {
        Map<String, Optional<R>> before = new LinkedHashMap<>();
        for (String rowKey : keys) {
            R old = rows.remove(rowKey);
            before.putIfAbsent(rowKey, Optional.ofNullable(old));
        }
        publish(before);
    }

    @Override
    public synchronized AutoCloseable subscribeChanges(Consumer<ChangeBatch<R>> listener) {
        List<Change<R>> initial = new ArrayList<>(rows.size());
        rows.forEach((rowKey, row) -> initial.add(Change.insert(rowKey, row)));
        return subscribe(new ChangeBatch<>(initial), listener);
    }

    @Override
    public synchronized <V> AutoCloseable subscribeChanges(Field<? super R, V> field, V value,
            Consumer<ChangeBatch<R>> listener) {
        return subscribe(indexes.inserts(field, value, rows::values), listener);
    }

    @Override
    public synchronized void createIndex(Field<? super R, ?> field) {
        indexes.create(field, rows::values);
    }

    @Override
    public synchronized boolean hasIndex(Field<? super R, ?> field) {
        return indexes.has(field);
    }

    private AutoCloseable subscribe(ChangeBatch<R> initial, Consumer<ChangeBatch<R>> listener) {
        listener.accept(initial);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(Map<String, Optional<R>> before) {
        if (listeners.isEmpty() && indexes.isEmpty()) {
            return;
        }
        List<Change<R>> changes = new ArrayList<>(before.size());
        before.forEach((rowKey, old) -> Change.between(rowKey, old, Optional.ofNullable(rows.get(rowKey)))
                .ifPresent(changes::add));
        if (changes.isEmpty()) {
            return;
        }
        indexes.apply(changes);
        ChangeBatch<R> batch = new ChangeBatch<>(changes);
        for (Consumer<ChangeBatch<R>> listener : listeners) {
            listener.accept(batch);
        }
    }

    @Override
    public String toString() {
        return "MemoryTable[" + name + "]";
    }
}
