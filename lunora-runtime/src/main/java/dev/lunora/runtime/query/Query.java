package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An immutable description of a live query over {@link RowSource}s, built step by step: {@code where}, joins and
 * {@code groupBy} in the order called, then {@code orderBy}/{@code offset}/{@code limit} (the window), with {@code
 * select} anywhere. Every step returns a new query; the result type is checked by javac. {@link #live()} runs it.
 * Thread-safe.
 *
 * @param <T> the result row type
 */
public final class Query<T> {
    private final Plan<T> plan;
    private final Window<?, T> window;

    private Query(Plan<T> plan, Window<?, T> window) {
        this.plan = plan;
        this.window = window;
    }

    /** All rows of {@code source}. */
    public static <R> Query<R> from(RowSource<R> source) {
        Objects.requireNonNull(source, "source");
        return new Query<>(new Scan<>(source, List.of()), null);
    }

    static <T> Query<T> of(Plan<T> plan) {
        return new Query<>(plan, null);
    }

    /**
     * The rows satisfying {@code condition}. Directly over a source, a condition that is an {@link Exprs#eq}, or an
     * {@link Exprs#and} holding one, makes the source index that field ({@link RowSource#createIndex}) when the query
     * first goes live, and the query starts from the index's matching rows instead of scanning the source.
     */
    public Query<T> where(Expr<? super T> condition) {
        Objects.requireNonNull(condition, "condition");
        if (plan instanceof Scan<T> scan) {
            return of(scan.where(condition));
        }
        return having(condition::test);
    }

    /** The rows satisfying {@code condition}: the {@code where} of grouped rows, whose aggregates are not fields. */
    public Query<T> having(Predicate<? super T> condition) {
        Objects.requireNonNull(condition, "condition");
        Plan<T> input = unwindowed("where/having");
        return of((out, graph) -> input.build(changes -> push(out, filter(changes, condition)), graph));
    }

    /** Pairs each row with each row of {@code other} whose {@code rightField} equals its {@code leftField}. */
    public <S, V> Query<Joined<T, S>> join(RowSource<S> other, Field<? super T, V> leftField,
            Field<? super S, V> rightField) {
        return join(other, leftField, rightField, false);
    }

    /** Like {@link #join}, and keeps each row without a match once, paired with an empty right side. */
    public <S, V> Query<Joined<T, S>> leftJoin(RowSource<S> other, Field<? super T, V> leftField,
            Field<? super S, V> rightField) {
        return join(other, leftField, rightField, true);
    }

    private <S, V> Query<Joined<T, S>> join(RowSource<S> other, Field<? super T, V> leftField,
            Field<? super S, V> rightField, boolean outer) {
        Objects.requireNonNull(other, "other");
        Function<T, V> leftKey = leftField::get;
        Function<S, V> rightKey = rightField::get;
        Plan<T> left = unwindowed("join");
        return of((out, graph) -> {
            JoinStage<T, S, V> join = new JoinStage<>(leftKey, rightKey, outer, out);
            left.build(join::pushLeft, graph);
            graph.source(other::subscribeChanges, join::pushRight);
        });
    }

    /** Groups the rows by {@code field}; finish with {@link Grouping#aggregate}. */
    public <K> Grouping<T, K> groupBy(Field<? super T, K> field) {
        Objects.requireNonNull(field, "field");
        return new Grouping<>(unwindowed("groupBy"), field::get);
    }

    /** Each row mapped by {@code projection}, which must be a pure function (it is re-applied to old rows). */
    public <U> Query<U> select(Function<? super T, ? extends U> projection) {
        Objects.requireNonNull(projection, "projection");
        if (window != null) {
            return new Query<>(null, window.then(projection));
        }
        Plan<T> input = plan;
        return of((out, graph) -> input.build(changes -> push(out, map(changes, projection)), graph));
    }

    /** Sorts by {@code field} (after any earlier sort keys); nulls first ascending, last descending. */
    public <V extends Comparable<? super V>> Query<T> orderBy(Field<? super T, V> field, Direction direction) {
        Objects.requireNonNull(field, "field");
        Comparator<V> byValue = Comparator.nullsFirst(Comparator.<V>naturalOrder());
        return new Query<>(null, windowed().sortedBy(field::get, direction == Direction.DESC ? byValue.reversed()
                : byValue));
    }

    /** Sorts by {@code comparator} (after any earlier sort keys); ties are broken by row key. */
    public Query<T> orderBy(Comparator<? super T> comparator, Direction direction) {
        Objects.requireNonNull(comparator, "comparator");
        Comparator<? super T> byRow = direction == Direction.DESC ? comparator.reversed() : comparator;
        return new Query<>(null, windowed().sortedBy(Function.identity(), byRow));
    }

    /** Skips the first {@code rows} rows of the order. */
    public Query<T> offset(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("offset " + rows);
        }
        return new Query<>(null, windowed().offset(rows));
    }

    /** Keeps at most {@code rows} rows of the order. */
    public Query<T> limit(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit " + rows);
        }
        return new Query<>(null, windowed().limit(rows));
    }

    /**
     * Runs the query: subscribes its sources, materialises the result and keeps it up to date until closed. Returns
     * after the initial result is built from the sources' current rows.
     */
    public LiveQuery<T> live() {
        return new LiveQuery<>(plan());
    }

    private Plan<T> plan() {
        return window != null ? window.plan() : plan;
    }

    private Plan<T> unwindowed(String step) {
        if (window != null) {
            throw new IllegalStateException(step + " must come before orderBy/offset/limit");
        }
        return plan;
    }

    private Window<?, T> windowed() {
        return window != null ? window
                : new Window<T, T>(plan, SortOrder.none(), 0, Long.MAX_VALUE, Function.identity());
    }

    private static <T> void push(Sink<T> out, List<Change<T>> changes) {
        if (!changes.isEmpty()) {
            out.push(changes);
        }
    }

    private static <T> List<Change<T>> filter(List<Change<T>> changes, Predicate<? super T> condition) {
        List<Change<T>> kept = new ArrayList<>(changes.size());
        for (Change<T> change : changes) {
            T before = change.previous().orElse(null);
            T after = change.row().orElse(null);
            Change<T> result = Change.betweenOrNull(change.key(), before != null && condition.test(before) ? before
                    : null, after != null && condition.test(after) ? after : null);
            if (result != null) {
                kept.add(result);
            }
        }
        return kept;
    }

    private static <I, O> List<Change<O>> map(List<Change<I>> changes, Function<? super I, ? extends O> projection) {
        List<Change<O>> mapped = new ArrayList<>(changes.size());
        for (Change<I> change : changes) {
            I before = change.previous().orElse(null);
            I after = change.row().orElse(null);
            Change<O> result = Change.betweenOrNull(change.key(), before == null ? null : projection.apply(before),
                    after == null ? null : projection.apply(after));
            if (result != null) {
                mapped.add(result);
            }
        }
        return mapped;
    }

    /** The rows of a source satisfying all of {@code conditions}, started from an equality index when one applies. */
    private record Scan<T>(RowSource<T> source, List<Expr<? super T>> conditions) implements Plan<T> {
        Scan<T> where(Expr<? super T> condition) {
            List<Expr<? super T>> all = new ArrayList<>(conditions);
            all.add(condition);
            return new Scan<>(source, List.copyOf(all));
        }

        @Override
        public void build(Sink<T> out, QueryGraph graph) {
            if (conditions.isEmpty()) {
                graph.source(source::subscribeChanges, out);
                return;
            }
            Predicate<T> all = row -> {
                for (Expr<? super T> condition : conditions) {
                    if (!condition.test(row)) {
                        return false;
                    }
                }
                return true;
            };
            Sink<T> filtered = changes -> push(out, filter(changes, all));
            Optional<? extends Expr.Compare<? super T, ?>> indexed = conditions.stream()
                    .flatMap(condition -> equality(condition).stream()).findFirst();
            if (indexed.isPresent()) {
                graph.source(indexed(indexed.get()), filtered);
            } else {
                graph.source(source::subscribeChanges, filtered);
            }
        }

        private <V> Function<Consumer<ChangeBatch<T>>, AutoCloseable> indexed(Expr.Compare<? super T, V> eq) {
            return listener -> source.subscribeChanges(eq.field(), eq.value(), listener);
        }

        /** The first {@code eq} that {@code condition} requires: itself, or one of its {@code and} parts. */
        private static <R> Optional<Expr.Compare<R, ?>> equality(Expr<R> condition) {
            if (condition instanceof Expr.Compare<R, ?> compare && compare.op() == Expr.Op.EQ) {
                return Optional.of(compare);
            }
            if (condition instanceof Expr.And<R> and) {
                return and.parts().stream().flatMap(part -> equality(part).stream()).findFirst();
            }
            return Optional.empty();
        }
    }

    /** The window over rows of type W, with the projection applied after it. */
    private record Window<W, T>(Plan<W> input, SortOrder<W> order, long skip, long take, Function<W, T> post) {
        <K> Window<W, T> sortedBy(Function<? super T, ? extends K> key, Comparator<? super K> compare) {
            return new Window<>(input, order.then(post.andThen(key), compare), skip, take, post);
        }

        Window<W, T> offset(long rows) {
            return new Window<>(input, order, rows, take, post);
        }

        Window<W, T> limit(long rows) {
            return new Window<>(input, order, skip, rows, post);
        }

        <U> Window<W, U> then(Function<? super T, ? extends U> projection) {
            return new Window<>(input, order, skip, take, post.andThen(projection));
        }

        Plan<T> plan() {
            return (out, graph) -> {
                WindowStage<W> stage = new WindowStage<>(order, skip, take,
                        changes -> push(out, map(changes, post)));
                input.build(stage::push, graph);
                graph.order(stage::keys);
            };
        }
    }
}
