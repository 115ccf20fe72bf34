package dev.lunora.protocol.wire;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * A JavaScript {@code Date}: a time value in epoch milliseconds, always ECMAScript-TimeClipped (so it is
 * {@code NaN} for an invalid date, otherwise an integral value within ±8.64e15 and never {@code -0}).
 *
 * @param epochMs the clipped epoch milliseconds, {@code NaN} when invalid
 */
public record WireDate(double epochMs) {
    /** The largest absolute time value a Date may hold. */
    public static final double MAX_TIME = 8.64e15;

    /** Applies TimeClip to {@code epochMs}; never fails. */
    public WireDate {
        epochMs = timeClip(epochMs);
    }

    /** The date for {@code instant}, at millisecond precision (sub-millisecond parts are truncated). */
    public static WireDate of(Instant instant) {
        return new WireDate(instant.toEpochMilli());
    }

    /** The date for {@code date}. */
    public static WireDate of(Date date) {
        return new WireDate(date.getTime());
    }

    /** An invalid date (time value {@code NaN}). */
    public static WireDate invalid() {
        return new WireDate(Double.NaN);
    }

    /** Whether this date holds a real time value. */
    public boolean isValid() {
        return !Double.isNaN(epochMs);
    }

    /** The instant, or empty for an invalid date. */
    public Optional<Instant> toInstant() {
        return isValid() ? Optional.of(Instant.ofEpochMilli((long) epochMs)) : Optional.empty();
    }

    /** ECMAScript TimeClip: NaN when non-finite or out of range, else ToIntegerOrInfinity (which maps -0 to +0). */
    private static double timeClip(double time) {
        if (!Double.isFinite(time) || Math.abs(time) > MAX_TIME) {
            return Double.NaN;
        }
        double truncated = time < 0 ? Math.ceil(time) : Math.floor(time);
        return truncated + 0.0;
    }
}
