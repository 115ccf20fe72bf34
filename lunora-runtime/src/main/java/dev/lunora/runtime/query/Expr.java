package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A condition on a row, built with {@link Exprs}. Two-valued: a comparison with a null field value is false (except
 * {@code eq(field, null)}/{@code ne}, which compare with null), {@code not} negates. Immutable and thread-safe when
 * its fields' getters are.
 *
 * @param <R> the row type
 */
public sealed interface Expr<R> permits Expr.Compare, Expr.In, Expr.Like, Expr.IsNull, Expr.And, Expr.Or, Expr.Not {
    /** Whether {@code row} satisfies this condition. */
    boolean test(R row);

    /** A comparison operator. */
    enum Op {
        /** Equal ({@link Objects#equals}). */
        EQ,
        /** Not equal. */
        NE,
        /** Less than. */
        LT,
        /** Less than or equal. */
        LE,
        /** Greater than. */
        GT,
        /** Greater than or equal. */
        GE
    }

    /**
     * {@code field op value}.
     *
     * @param field the field compared
     * @param op the operator
     * @param value the value compared with; null only for {@code EQ}/{@code NE}
     * @param <R> the row type
     * @param <V> the value type
     */
    record Compare<R, V>(Field<R, V> field, Op op, V value) implements Expr<R> {
        /** Rejects a null value for an ordering operator. */
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            if (value == null && op != Op.EQ && op != Op.NE) {
                throw new IllegalArgumentException(op + " needs a value");
            }
        }

        @Override
        public boolean test(R row) {
            V actual = field.get(row);
            return switch (op) {
                case EQ -> Objects.equals(actual, value);
                case NE -> !Objects.equals(actual, value);
                case LT -> actual != null && compare(actual, value) < 0;
                case LE -> actual != null && compare(actual, value) <= 0;
                case GT -> actual != null && compare(actual, value) > 0;
                case GE -> actual != null && compare(actual, value) >= 0;
            };
        }

        @SuppressWarnings("unchecked")
        private static <V> int compare(V actual, V value) {
            return ((Comparable<Object>) actual).compareTo(value);
        }
    }

    /**
     * {@code field in (values)}.
     *
     * @param field the field tested
     * @param values the accepted values
     * @param <R> the row type
     * @param <V> the value type
     */
    record In<R, V>(Field<R, V> field, Set<V> values) implements Expr<R> {
        /** Copies {@code values}. */
        public In {
            Objects.requireNonNull(field, "field");
            values = Set.copyOf(values);
        }

        @Override
        public boolean test(R row) {
            V actual = field.get(row);
            return actual != null && values.contains(actual);
        }
    }

    /**
     * {@code field like pattern}, SQL style: {@code %} matches any run of characters, {@code _} one character;
     * case-sensitive.
     *
     * @param field the text field
     * @param pattern the SQL pattern
     * @param regex the compiled pattern
     * @param <R> the row type
     */
    record Like<R>(Field<R, String> field, String pattern, Pattern regex) implements Expr<R> {
        /** Checks the parts. */
        public Like {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public boolean test(R row) {
            String actual = field.get(row);
            return actual != null && regex.matcher(actual).matches();
        }
    }

    /**
     * {@code field is null}.
     *
     * @param field the field tested
     * @param <R> the row type
     */
    record IsNull<R>(Field<R, ?> field) implements Expr<R> {
        @Override
        public boolean test(R row) {
            return field.get(row) == null;
        }
    }

    /**
     * All of {@code parts} (true when empty).
     *
     * @param parts the conditions
     * @param <R> the row type
     */
    record And<R>(List<Expr<R>> parts) implements Expr<R> {
        /** Copies {@code parts}. */
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(R row) {
            for (Expr<R> part : parts) {
                if (!part.test(row)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Any of {@code parts} (false when empty).
     *
     * @param parts the conditions
     * @param <R> the row type
     */
    record Or<R>(List<Expr<R>> parts) implements Expr<R> {
        /** Copies {@code parts}. */
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(R row) {
            for (Expr<R> part : parts) {
                if (part.test(row)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The negation of {@code part}.
     *
     * @param part the negated condition
     * @param <R> the row type
     */
    record Not<R>(Expr<R> part) implements Expr<R> {
        /** Rejects null. */
        public Not {
            Objects.requireNonNull(part, "part");
        }

        @Override
        public boolean test(R row) {
            return !part.test(row);
        }
    }
}
