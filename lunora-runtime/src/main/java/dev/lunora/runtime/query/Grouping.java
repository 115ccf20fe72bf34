package dev.lunora.runtime.query;

import java.util.List;
import java.util.function.Function;

/**
 * A query grouped by a field, waiting for its aggregates. Immutable and thread-safe.
 *
 * @param <R> the grouped row type
 * @param <K> the group key type
 */
public final class Grouping<R, K> {
    private final Plan<R> input;
    private final Function<R, K> key;

    Grouping(Plan<R> input, Function<R, K> key) {
        this.input = input;
        this.key = key;
    }

    /**
     * One {@link Group} per distinct key present, carrying the value of each of {@code aggregates}; read them with
     * {@link Group#get(Aggregate)}. Filter the groups with {@link Query#having}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final Query<Group<K>> aggregate(Aggregate<? super R, ?>... aggregates) {
        List<Aggregate<? super R, ?>> list = List.of(aggregates);
        return Query.of((out, graph) -> {
            GroupStage<R, K> stage = new GroupStage<>(key, list, out);
            input.build(stage::push, graph);
        });
    }
}
