package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.Optional;
import java.util.TreeMap;

/** The running state of one aggregate in one group: O(1) or O(log n) per added or removed row. Not thread-safe. */
sealed interface Accumulator<R, A> permits Accumulator.Count, Accumulator.SumLong, Accumulator.Avg,
        Accumulator.Extreme {
    void add(R row);

    void remove(R row);

    A result();

    /** Counts rows. */
    final class Count<R> implements Accumulator<R, Long> {
        private long count;

        @Override
        public void add(R row) {
            count++;
        }

        @Override
        public void remove(R row) {
            count--;
        }

        @Override
        public Long result() {
            return count;
        }
    }

    /** Sums an integral field exactly. */
    final class SumLong<R> implements Accumulator<R, Long> {
        private final Field<R, ? extends Number> field;
        private long sum;

        SumLong(Field<R, ? extends Number> field) {
            this.field = field;
        }

        @Override
        public void add(R row) {
            Number value = field.get(row);
            if (value != null) {
                sum += value.longValue();
            }
        }

        @Override
        public void remove(R row) {
            Number value = field.get(row);
            if (value != null) {
                sum -= value.longValue();
            }
        }

        @Override
        public Long result() {
            return sum;
        }
    }

    /** Sums a field as doubles and counts its non-null values; yields the mean or the sum. */
    final class Avg<R, A> implements Accumulator<R, A> {
        private final Field<R, ? extends Number> field;
        private final boolean mean;
        private double sum;
        private long count;

        Avg(Field<R, ? extends Number> field, boolean mean) {
            this.field = field;
            this.mean = mean;
        }

        @Override
        public void add(R row) {
            Number value = field.get(row);
            if (value != null) {
                sum += value.doubleValue();
                count++;
            }
        }

        @Override
        public void remove(R row) {
            Number value = field.get(row);
            if (value != null) {
                sum -= value.doubleValue();
                count--;
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public A result() {
            // A is Optional<Double> for a mean and Double for a sum, as the factories in Aggregate declare.
            Object value = mean ? (count == 0 ? Optional.empty() : Optional.of(sum / count)) : (Object) sum;
            return (A) value;
        }
    }

    /** Keeps a multiset of a field's values, so the minimum or maximum survives the delete of its row. */
    final class Extreme<R, V extends Comparable<? super V>> implements Accumulator<R, Optional<V>> {
        private final Field<R, V> field;
        private final boolean min;
        private final TreeMap<V, Integer> values = new TreeMap<>();

        Extreme(Field<R, V> field, boolean min) {
            this.field = field;
            this.min = min;
        }

        @Override
        public void add(R row) {
            V value = field.get(row);
            if (value != null) {
                values.merge(value, 1, Integer::sum);
            }
        }

        @Override
        public void remove(R row) {
            V value = field.get(row);
            if (value != null) {
                values.computeIfPresent(value, (v, n) -> n == 1 ? null : n - 1);
            }
        }

        @Override
        public Optional<V> result() {
            return values.isEmpty() ? Optional.empty() : Optional.of(min ? values.firstKey() : values.lastKey());
        }
    }
}
