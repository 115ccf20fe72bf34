package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Group-by with per-group accumulators: a changed row updates the accumulators of its old and new group, and each
 * touched group is emitted once per batch. A group appears with its first row and disappears with its last.
 */
final class GroupStage<R, K> {
    private final Function<R, K> groupKey;
    private final List<Aggregate<? super R, ?>> aggregates;
    private final Sink<Group<K>> out;
    private final Map<K, State<R, K>> groups = new HashMap<>();

    GroupStage(Function<R, K> groupKey, List<Aggregate<? super R, ?>> aggregates, Sink<Group<K>> out) {
        this.groupKey = groupKey;
        this.aggregates = List.copyOf(aggregates);
        this.out = out;
    }

    void push(List<Change<R>> changes) {
        Map<K, Optional<Group<K>>> touched = new LinkedHashMap<>();
        for (Change<R> change : changes) {
            change.previous().ifPresent(row -> {
                K key = groupKey.apply(row);
                State<R, K> state = groups.get(key);
                touched.putIfAbsent(key, Optional.ofNullable(state.current));
                state.remove(row);
            });
            change.row().ifPresent(row -> {
                K key = groupKey.apply(row);
                State<R, K> state = groups.computeIfAbsent(key, k -> new State<>(aggregates));
                touched.putIfAbsent(key, Optional.ofNullable(state.current));
                state.add(row);
            });
        }
        Delta<Group<K>> delta = new Delta<>();
        touched.forEach((key, before) -> {
            State<R, K> state = groups.get(key);
            Optional<Group<K>> after = Optional.empty();
            if (state.rows == 0) {
                groups.remove(key);
            } else {
                state.current = state.group(key, aggregates);
                after = Optional.of(state.current);
            }
            delta.put(key == null ? "\u0000" : String.valueOf(key), before.orElse(null), after.orElse(null));
        });
        delta.flush(out);
    }

    /** One group's row count, accumulators and last emitted row. */
    private static final class State<R, K> {
        private final List<Accumulator<? super R, ?>> accumulators = new ArrayList<>();
        private long rows;
        private Group<K> current;

        State(List<Aggregate<? super R, ?>> aggregates) {
            for (Aggregate<? super R, ?> aggregate : aggregates) {
                accumulators.add(aggregate.newAccumulator());
            }
        }

        void add(R row) {
            rows++;
            for (Accumulator<? super R, ?> accumulator : accumulators) {
                accumulator.add(row);
            }
        }

        void remove(R row) {
            rows--;
            for (Accumulator<? super R, ?> accumulator : accumulators) {
                accumulator.remove(row);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array of entries, filled with exactly that type
        Group<K> group(K key, List<Aggregate<? super R, ?>> aggregates) {
            Map.Entry<Aggregate<?, ?>, Object>[] values = new Map.Entry[accumulators.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Map.entry(aggregates.get(i), accumulators.get(i).result());
            }
            return new Group<>(key, Map.ofEntries(values));
        }
    }
}
