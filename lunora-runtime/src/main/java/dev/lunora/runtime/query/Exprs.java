package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds {@link Expr} conditions over metamodel fields. Stateless and thread-safe. */
public final class Exprs {
    private Exprs() {
    }

    /** {@code field == value} (null compares equal to null). */
    public static <R, V> Expr<R> eq(Field<R, V> field, V value) {
        return new Expr.Compare<>(field, Expr.Op.EQ, value);
    }

    /** {@code field != value}. */
    public static <R, V> Expr<R> ne(Field<R, V> field, V value) {
        return new Expr.Compare<>(field, Expr.Op.NE, value);
    }

    /** {@code field < value}; false for a null field value. */
    public static <R, V extends Comparable<? super V>> Expr<R> lt(Field<R, V> field, V value) {
        return new Expr.Compare<>(field, Expr.Op.LT, value);
    }

    /** {@code field <= value}; false for a null field value. */
    public static <R, V extends Comparable<? super V>> Expr<R> le(Field<R, V> field, V value) {
        return new Expr.Compare<>(field, Expr.Op.LE, value);
    }

    /** {@code field > value}; false for a null field value. */
    public static <R, V extends Comparable<? super V>> Expr<R> gt(Field<R, V> field, V value) {
        return new Expr.Compare<>(field, Expr.Op.GT, value);
    }

    /** {@code field >= value}; false for a null field value. */
    public static <R, V extends Comparable<? super V>> Expr<R> ge(Field<R, V> field, V value) {
        return new Expr.Compare<>(field, Expr.Op.GE, value);
    }

    /** {@code field in values}; false for a null field value. */
    public static <R, V> Expr<R> in(Field<R, V> field, Collection<? extends V> values) {
        return new Expr.In<>(field, Set.copyOf(values));
    }

    /** {@code field in values}; false for a null field value. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <R, V> Expr<R> in(Field<R, V> field, V... values) {
        return in(field, Arrays.asList(values));
    }

    /** {@code field like pattern} ({@code %} any run, {@code _} one character; case-sensitive). */
    public static <R> Expr<R> like(Field<R, String> field, String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? "(?s).*" : "(?s).");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new Expr.Like<>(field, pattern, Pattern.compile(regex.toString()));
    }

    /** {@code field is null}. */
    public static <R> Expr<R> isNull(Field<R, ?> field) {
        return new Expr.IsNull<>(field);
    }

    /** {@code field is not null}. */
    public static <R> Expr<R> isNotNull(Field<R, ?> field) {
        return not(isNull(field));
    }

    /** All of {@code parts}. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <R> Expr<R> and(Expr<R>... parts) {
        return new Expr.And<>(List.of(parts));
    }

    /** Any of {@code parts}. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <R> Expr<R> or(Expr<R>... parts) {
        return new Expr.Or<>(List.of(parts));
    }

    /** The negation of {@code part}. */
    public static <R> Expr<R> not(Expr<R> part) {
        return new Expr.Not<>(part);
    }
}
