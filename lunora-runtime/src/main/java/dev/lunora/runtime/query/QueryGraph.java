package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operators of one live query while it is built: the sources to subscribe and the window giving the result
 * order. Every delta runs under {@code lock}, so the operators themselves need no synchronisation.
 */
final class QueryGraph {
    private final Object lock;
    private final List<Supplier<AutoCloseable>> sources = new ArrayList<>();
    private Supplier<List<String>> order;

    QueryGraph(Object lock) {
        this.lock = lock;
    }

    /**
     * Registers a source by how to subscribe to its changes ({@link RowSource#subscribeChanges(Consumer)} or an
     * indexed variant); its changes reach {@code sink} under the query's lock once the query starts.
     */
    <R> void source(Function<Consumer<ChangeBatch<R>>, AutoCloseable> subscribe, Sink<R> sink) {
        Consumer<ChangeBatch<R>> listener = batch -> {
            if (!batch.isEmpty()) {
                synchronized (lock) {
                    sink.push(batch.changes());
                }
            }
        };
        sources.add(() -> subscribe.apply(listener));
    }

    /** Sets the keys of the result rows in result order, read under the lock. */
    void order(Supplier<List<String>> keysInOrder) {
        this.order = keysInOrder;
    }

    Optional<Supplier<List<String>>> order() {
        return Optional.ofNullable(order);
    }

    /** Subscribes every source, each delivering its current rows first; returns the subscription handles. */
    List<AutoCloseable> start() {
        List<AutoCloseable> handles = new ArrayList<>(sources.size());
        for (Supplier<AutoCloseable> source : sources) {
            handles.add(source.get());
        }
        return handles;
    }
}
