package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A running {@link Query}: its result, maintained incrementally as its sources change, with change batches for
 * listeners and {@link Flow} subscribers. Thread-safe: every source change is applied under one lock, so {@link
 * #snapshot()} is always consistent; listeners run on the thread that changed a source, under that lock, and must be
 * quick and must not write to the query's sources. Close it to unsubscribe from the sources.
 *
 * @param <T> the result row type
 */
public final class LiveQuery<T> implements AutoCloseable {
    private final Object lock = new Object();
    private final Map<String, T> rows = new LinkedHashMap<>();
    private final List<Consumer<ChangeBatch<T>>> listeners = new CopyOnWriteArrayList<>();
    private final List<BatchSubscription<T>> subscriptions = new CopyOnWriteArrayList<>();
    private final Optional<Supplier<List<String>>> order;
    private final List<AutoCloseable> handles;
    private List<T> snapshot;
    private boolean closed;

    LiveQuery(Plan<T> plan) {
        QueryGraph graph = new QueryGraph(lock);
        plan.build(this::apply, graph);
        this.order = graph.order();
        this.handles = graph.start();
    }

    /**
     * The current result, immutable: in the query's order when it has {@code orderBy}, else in a stable but
     * unspecified order. O(1) when nothing changed since the last call, O(result size) otherwise.
     */
    public List<T> snapshot() {
        synchronized (lock) {
            if (snapshot == null) {
                if (order.isPresent()) {
                    List<String> keys = order.get().get();
                    List<T> ordered = new ArrayList<>(keys.size());
                    for (String key : keys) {
                        ordered.add(rows.get(key));
                    }
                    snapshot = List.copyOf(ordered);
                } else {
                    snapshot = List.copyOf(rows.values());
                }
            }
            return snapshot;
        }
    }

    /** The number of result rows. */
    public int size() {
        synchronized (lock) {
            return rows.size();
        }
    }

    /**
     * Calls {@code listener} at once with one batch inserting the current result (in {@link #snapshot()} order,
     * possibly empty), then with one batch per source change that changes the result. Close the handle to stop.
     */
    public AutoCloseable subscribe(Consumer<ChangeBatch<T>> listener) {
        synchronized (lock) {
            List<Change<T>> initial = new ArrayList<>(rows.size());
            List<T> current = snapshot();
            List<String> keys = order.map(Supplier::get).orElseGet(() -> List.copyOf(rows.keySet()));
            for (int i = 0; i < keys.size(); i++) {
                initial.add(Change.insert(keys.get(i), current.get(i)));
            }
            listener.accept(new ChangeBatch<>(initial));
            if (!closed) {
                listeners.add(listener);
            }
        }
        return () -> listeners.remove(listener);
    }

    /**
     * A publisher of the same batches as {@link #subscribe}: each subscriber gets the current result first, then
     * every change, honouring its demand (batches wait, unbounded, until requested); it completes when the query is
     * closed. Signals come from the changing thread or the requesting thread, never concurrently.
     */
    public Flow.Publisher<ChangeBatch<T>> publisher() {
        return subscriber -> {
            BatchSubscription<T> subscription = new BatchSubscription<>(subscriber);
            subscriber.onSubscribe(subscription);
            synchronized (lock) {
                if (closed) {
                    subscription.complete();
                    return;
                }
                subscriptions.add(subscription);
                subscription.cancelWith(subscribe(subscription::offer), () -> subscriptions.remove(subscription));
            }
        };
    }

    /** Unsubscribes from the sources and completes the publishers' subscribers; the last snapshot stays readable. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            listeners.clear();
        }
        for (AutoCloseable handle : handles) {
            try {
                handle.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not unsubscribe from a source", e);
            }
        }
        for (BatchSubscription<T> subscription : subscriptions) {
            subscription.complete();
        }
        subscriptions.clear();
    }

    private void apply(List<Change<T>> changes) {
        for (Change<T> change : changes) {
            if (change.row().isPresent()) {
                rows.put(change.key(), change.row().get());
            } else {
                rows.remove(change.key());
            }
        }
        snapshot = null;
        if (!listeners.isEmpty()) {
            ChangeBatch<T> batch = new ChangeBatch<>(changes);
            for (Consumer<ChangeBatch<T>> listener : listeners) {
                listener.accept(batch);
            }
        }
    }
}
