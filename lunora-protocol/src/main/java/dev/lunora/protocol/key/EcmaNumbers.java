package dev.lunora.protocol.key;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** ECMAScript number formatting. Stateless and thread-safe. */
public final class EcmaNumbers {
    /** A double needs at most 17 significant digits to round-trip. */
    private static final int MAX_DIGITS = 17;

    private EcmaNumbers() {
    }

    /**
     * ECMAScript {@code Number::toString(x)}, except that negative zero spells {@code -0} (the stable key's
     * rule): the shortest digits that round-trip, plain notation for exponents in [-7, 21), otherwise
     * {@code d.ddde+N} / {@code d.ddde-N}; {@code NaN}, {@code Infinity}, {@code -Infinity}.
     */
    public static String toString(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        } else if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        } else if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        return sign + layout(digits, k, n);
    }

    /** The fewest significant digits (nearest value at that precision) that parse back to {@code value}. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < MAX_DIGITS; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Number::toString steps 6-10 for digits {@code d1..dk} and decimal exponent {@code n} (value = 0.d × 10^n). */
    private static String layout(String digits, int k, int n) {
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        } else if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        } else if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String exp = "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        return k == 1 ? digits + exp : digits.charAt(0) + "." + digits.substring(1) + exp;
    }
}
