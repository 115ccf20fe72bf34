package dev.lunora.protocol.wire;

import java.math.BigInteger;

/**
 * The lookup key of a {@link WireMap} key or {@link WireSet} item under ECMAScript SameValueZero: scalars
 * (null, undefined, booleans, numbers, strings, bigints) by value with NaN equal to itself and -0 equal to 0,
 * everything else by reference.
 */
final class SameValueZero {
    private final Object value;
    private final boolean byReference;

    private SameValueZero(Object value, boolean byReference) {
        this.value = value;
        this.byReference = byReference;
    }

    /** The key for {@code nativeValue}. */
    static SameValueZero of(Object nativeValue) {
        if (nativeValue instanceof Number number && !(nativeValue instanceof BigInteger)) {
            double d = number.doubleValue();
            // Every JS number is a double: 1 (Long) and 1.0 (Double) are one key; -0 folds onto 0, NaN onto NaN.
            return new SameValueZero(Double.isNaN(d) ? Double.NaN : d + 0.0, false);
        }
        boolean scalar = nativeValue == null || nativeValue instanceof Boolean || nativeValue instanceof String
                || nativeValue instanceof BigInteger || nativeValue instanceof Undefined;
        return new SameValueZero(nativeValue, !scalar);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SameValueZero that) || byReference != that.byReference) {
            return false;
        }
        if (byReference) {
            return value == that.value;
        }
        return value == null ? that.value == null : value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return byReference ? System.identityHashCode(value) : value == null ? 0 : value.hashCode();
    }
}
