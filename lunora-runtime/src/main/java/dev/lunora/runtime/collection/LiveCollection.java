package dev.lunora.runtime.collection;

import dev.lunora.api.meta.Field;
import dev.lunora.runtime.query.Change;
import dev.lunora.runtime.query.ChangeBatch;
import dev.lunora.runtime.query.EqualityIndexes;
import dev.lunora.runtime.query.RowSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A live client table: the rows the server synced (the base) with the pending local writes laid over them (the
 * overlay). Reads see overlay-over-base. As a {@link RowSource} it feeds live queries: each server snapshot, overlay
 * write or rollback is one {@link ChangeBatch} of the rows whose visible value changed, applied to the collection's
 * equality indexes ({@link #createIndex}) in the same atomic step. Thread-safe; listeners are
 * called in change order on the thread that made the change, so they must be quick and must not block.
 *
 * @param <R> the row record
 */
public final class LiveCollection<R extends Record> implements RowSource<R> {
    private final String name;
    private final Function<R, String> key;
    private final Object lock = new Object();
    private final Map<String, R> base = new LinkedHashMap<>();
    private final Map<String, R> overlay = new LinkedHashMap<>();
    private final List<Consumer<List<R>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ChangeBatch<R>>> changeListeners = new CopyOnWriteArrayList<>();
    private final EqualityIndexes<R> indexes;
    private final CompletableFuture<Void> firstSnapshot = new CompletableFuture<>();
    private Predicate<R> overlayFilter = row -> true;
    private CollectionStatus status = CollectionStatus.IDLE;
    private Runnable onDemand = () -> { };
    private Runnable onIdle = () -> { };

    LiveCollection(String name, Function<R, String> key) {
        this.name = name;
        this.key = key;
        this.indexes = new EqualityIndexes<>(key);
    }

    /** The collection name. */
    @Override
    public String name() {
        return name;
    }

    /** Gives a row's key. */
    @Override
    public Function<R, String> key() {
        return key;
    }

    /** The same rows as {@link #snapshot()}. */
    @Override
    public Collection<R> rows() {
        return snapshot();
    }

    /**
     * Calls {@code listener} at once with a batch inserting the visible rows, then with one batch per change of them;
     * see {@link RowSource#subscribeChanges(Consumer)}. Like {@link #subscribe}, the first subscriber starts a lazy sync.
     */
    @Override
    public AutoCloseable subscribeChanges(Consumer<ChangeBatch<R>> listener) {
        return subscribeChanges(() -> {
            List<Change<R>> initial = new ArrayList<>();
            for (R row : view()) {
                initial.add(Change.insert(key.apply(row), row));
            }
            return new ChangeBatch<>(initial);
        }, listener);
    }

    /**
     * Like {@link #subscribeChanges(Consumer)}, the first batch holding only the visible rows whose {@code field}
     * equals {@code value}, read from the field's index; see {@link RowSource#subscribeChanges(Field, Object,
     * Consumer)}.
     */
    @Override
    public <V> AutoCloseable subscribeChanges(Field<? super R, V> field, V value, Consumer<ChangeBatch<R>> listener) {
        return subscribeChanges(() -> indexes.inserts(field, value, this::view), listener);
    }

    /**
     * Declares an equality index on {@code field} over the visible rows (synced rows with the overlay laid over
     * them), kept up to date with every server snapshot, overlay write and rollback; idempotent. See {@link
     * RowSource#createIndex}.
     */
    @Override
    public void createIndex(Field<? super R, ?> field) {
        synchronized (lock) {
            indexes.create(field, this::view);
        }
    }

    /** Whether {@code field} has an equality index. */
    @Override
    public boolean hasIndex(Field<? super R, ?> field) {
        synchronized (lock) {
            return indexes.has(field);
        }
    }

    private AutoCloseable subscribeChanges(Supplier<ChangeBatch<R>> initial, Consumer<ChangeBatch<R>> listener) {
        boolean first;
        synchronized (lock) {
            first = listeners.isEmpty() && changeListeners.isEmpty();
            listener.accept(initial.get());
            changeListeners.add(listener);
        }
        if (first) {
            onDemand.run();
        }
        return () -> unsubscribe(changeListeners, listener);
    }

    /** A consistent, immutable snapshot of the rows: server rows in server order, then new local rows. */
    public List<R> snapshot() {
        synchronized (lock) {
            return view();
        }
    }

    /** The row with the given key, pending or synced. */
    public Optional<R> get(String rowKey) {
        synchronized (lock) {
            R pending = overlay.get(rowKey);
            return Optional.ofNullable(pending != null ? pending : base.get(rowKey));
        }
    }

    /** The number of rows in {@link #snapshot()}. */
    public int size() {
        return snapshot().size();
    }

    /** Whether the row with the given key is a pending local write (shown from the overlay). */
    public boolean isPending(String rowKey) {
        synchronized (lock) {
            return overlay.containsKey(rowKey);
        }
    }

    /** Whether any local write is pending in this collection. */
    public boolean hasPendingWrites() {
        synchronized (lock) {
            return !overlay.isEmpty();
        }
    }

    /** Whether the server has synced the row with the given key. */
    public boolean isSynced(String rowKey) {
        synchronized (lock) {
            return base.containsKey(rowKey);
        }
    }

    /** Where the collection's sync stands. */
    public CollectionStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    /**
     * Completes when the first server snapshot has arrived, or exceptionally with the {@link
     * dev.lunora.api.LunoraException} of a failed sync. Asking starts the sync of a lazy collection.
     */
    public CompletableFuture<Void> ready() {
        onDemand.run();
        return firstSnapshot;
    }

    /**
     * Calls {@code listener} with the current snapshot now and with every later snapshot. The first subscriber of a
     * lazy collection starts its sync. Close the returned handle to stop.
     */
    public AutoCloseable subscribe(Consumer<List<R>> listener) {
        boolean first;
        synchronized (lock) {
            first = listeners.isEmpty() && changeListeners.isEmpty();
            listeners.add(listener);
            listener.accept(view());
        }
        if (first) {
            onDemand.run();
        }
        return () -> unsubscribe(listeners, listener);
    }

    private <L> void unsubscribe(List<L> from, L listener) {
        if (from.remove(listener) && listeners.isEmpty() && changeListeners.isEmpty()) {
            onIdle.run();
        }
    }

    /** Whether anything listens to the collection (a listener or a live query). */
    public boolean hasSubscribers() {
        return !listeners.isEmpty() || !changeListeners.isEmpty();
    }

    void onIdle(Runnable action) {
        this.onIdle = action;
    }

    void onDemand(Runnable action) {
        this.onDemand = action;
    }

    void failed(RuntimeException error) {
        firstSnapshot.completeExceptionally(error);
    }

    void status(CollectionStatus next) {
        synchronized (lock) {
            status = next;
        }
    }

    /** Replaces the base with a server snapshot; rows the server now holds are no longer shown from the overlay. */
    void replaceBase(List<R> rows, Predicate<String> dropOverlay) {
        setBase(rows, dropOverlay, CollectionStatus.READY);
        firstSnapshot.complete(null);
    }

    /**
     * Shows rows cached from an earlier sync (an offline read) until the server's first snapshot replaces them;
     * ignored once the collection holds server rows.
     */
    void showCached(List<R> rows) {
        synchronized (lock) {
            if (status == CollectionStatus.READY) {
                return;
            }
            setBase(rows, rowKey -> false, CollectionStatus.CACHED);
        }
    }

    private void setBase(List<R> rows, Predicate<String> dropOverlay, CollectionStatus next) {
        synchronized (lock) {
            Set<String> touched = new LinkedHashSet<>(base.keySet());
            touched.addAll(overlay.keySet());
            Map<String, Optional<R>> before = visible(touched);
            base.clear();
            for (R row : rows) {
                base.put(key.apply(row), row);
            }
            overlay.keySet().removeIf(dropOverlay);
            status = next;
            if (tracksChanges()) {
                base.keySet().forEach(rowKey -> before.putIfAbsent(rowKey, Optional.empty()));
            }
            publish(before);
        }
    }

    void putOverlay(R row) {
        synchronized (lock) {
            String rowKey = key.apply(row);
            Map<String, Optional<R>> before = visible(Set.of(rowKey));
            overlay.put(rowKey, row);
            publish(before);
        }
    }

    /** Removes overlay rows matching {@code drop}; returns whether any was removed. */
    boolean removeOverlay(Predicate<String> drop) {
        synchronized (lock) {
            Map<String, Optional<R>> before = visible(overlay.keySet());
            boolean changed = overlay.keySet().removeIf(drop);
            if (changed) {
                publish(before);
            }
            return changed;
        }
    }

    void overlayFilter(Predicate<R> filter) {
        synchronized (lock) {
            Map<String, Optional<R>> before = visible(overlay.keySet());
            overlayFilter = filter;
            publish(before);
        }
    }

    private List<R> view() {
        List<R> rows = new ArrayList<>(base.size() + overlay.size());
        for (Map.Entry<String, R> entry : base.entrySet()) {
            R pending = overlay.get(entry.getKey());
            rows.add(pending != null ? pending : entry.getValue());
        }
        for (Map.Entry<String, R> entry : overlay.entrySet()) {
            if (!base.containsKey(entry.getKey()) && overlayFilter.test(entry.getValue())) {
                rows.add(entry.getValue());
            }
        }
        return List.copyOf(rows);
    }

    /** Whether change listeners or indexes need each change worked out. */
    private boolean tracksChanges() {
        return !changeListeners.isEmpty() || !indexes.isEmpty();
    }

    /** The visible row of each key (empty when none is shown), when changes are tracked; else an empty map. */
    private Map<String, Optional<R>> visible(Collection<String> keys) {
        Map<String, Optional<R>> shown = new LinkedHashMap<>();
        if (tracksChanges()) {
            keys.forEach(rowKey -> shown.put(rowKey, visible(rowKey)));
        }
        return shown;
    }

    private Optional<R> visible(String rowKey) {
        R pending = overlay.get(rowKey);
        if (base.containsKey(rowKey)) {
            return Optional.of(pending != null ? pending : base.get(rowKey));
        }
        return pending != null && overlayFilter.test(pending) ? Optional.of(pending) : Optional.empty();
    }

    /**
     * Tells snapshot listeners the new view, and the indexes and change listeners how the rows in {@code before}
     * changed.
     */
    private void publish(Map<String, Optional<R>> before) {
        if (tracksChanges()) {
            List<Change<R>> changes = new ArrayList<>();
            before.forEach((rowKey, old) -> Change.between(rowKey, old, visible(rowKey)).ifPresent(changes::add));
            if (!changes.isEmpty()) {
                indexes.apply(changes);
                ChangeBatch<R> batch = new ChangeBatch<>(changes);
                for (Consumer<ChangeBatch<R>> listener : changeListeners) {
                    listener.accept(batch);
                }
            }
        }
        if (listeners.isEmpty()) {
            return;
        }
        List<R> rows = view();
        for (Consumer<List<R>> listener : listeners) {
            listener.accept(rows);
        }
    }

    @Override
    public String toString() {
        return "LiveCollection[" + name + "]";
    }
}
