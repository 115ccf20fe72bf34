package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One aggregate of a {@link Grouping}: {@code count}, {@code sum}, {@code avg}, {@code min} or {@code max}. Values
 * that are null are skipped (as in SQL). Each instance is its own column: read its value from a {@link Group} with
 * {@link Group#get(Aggregate)}. Immutable and thread-safe.
 *
 * @param <R> the grouped row type
 * @param <A> the aggregate's value type
 */
public final class Aggregate<R, A> {
    private final String name;
    private final Supplier<Accumulator<R, A>> accumulator;

    private Aggregate(String name, Supplier<Accumulator<R, A>> accumulator) {
        this.name = name;
        this.accumulator = accumulator;
    }

    /** The number of rows in the group. */
    public static <R> Aggregate<R, Long> count() {
        return new Aggregate<>("count", () -> new Accumulator.Count<>());
    }

    /** The exact sum of an integral field ({@link Number#longValue()}); 0 when every value is null. */
    public static <R> Aggregate<R, Long> sum(Field<R, ? extends Number> field) {
        Objects.requireNonNull(field, "field");
        return new Aggregate<>("sum(" + field.name() + ")", () -> new Accumulator.SumLong<>(field));
    }

    /** The sum of a field as doubles; incremental, so subject to floating-point rounding. */
    public static <R> Aggregate<R, Double> sumDouble(Field<R, ? extends Number> field) {
        Objects.requireNonNull(field, "field");
        return new Aggregate<>("sumDouble(" + field.name() + ")", () -> new Accumulator.Avg<>(field, false));
    }

    /** The mean of the non-null values of a field; empty when there are none. */
    public static <R> Aggregate<R, Optional<Double>> avg(Field<R, ? extends Number> field) {
        Objects.requireNonNull(field, "field");
        return new Aggregate<>("avg(" + field.name() + ")", () -> new Accumulator.Avg<>(field, true));
    }

    /** The smallest non-null value of a field; empty when there is none. Survives the delete of the minimum. */
    public static <R, V extends Comparable<? super V>> Aggregate<R, Optional<V>> min(Field<R, V> field) {
        Objects.requireNonNull(field, "field");
        return new Aggregate<>("min(" + field.name() + ")", () -> new Accumulator.Extreme<>(field, true));
    }

    /** The largest non-null value of a field; empty when there is none. Survives the delete of the maximum. */
    public static <R, V extends Comparable<? super V>> Aggregate<R, Optional<V>> max(Field<R, V> field) {
        Objects.requireNonNull(field, "field");
        return new Aggregate<>("max(" + field.name() + ")", () -> new Accumulator.Extreme<>(field, false));
    }

    Accumulator<R, A> newAccumulator() {
        return accumulator.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
