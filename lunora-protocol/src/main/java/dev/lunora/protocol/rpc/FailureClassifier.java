package dev.lunora.protocol.rpc;

import dev.lunora.api.LunoraException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Classifies RPC failures as transient or terminal (protocol spec section 4.3). Stateless and thread-safe. */
public final class FailureClassifier {
    private static final Set<String> TRANSIENT_CODES = Set.of("SHARD_UNAVAILABLE", "SHARD_ERROR", "RATE_LIMITED",
            "TOO_MANY_REQUESTS", "DISPATCH_IN_PROGRESS");

    private FailureClassifier() {
    }

    /**
     * Coded {@code SHARD_UNAVAILABLE}, {@code SHARD_ERROR}, {@code RATE_LIMITED}, {@code TOO_MANY_REQUESTS} and
     * {@code DISPATCH_IN_PROGRESS} are TRANSIENT (no verdict was reached), other coded errors TERMINAL (a verdict),
     * uncoded (transport) errors TRANSIENT.
     */
    public static FailureKind classify(LunoraException e) {
        return !e.coded() || TRANSIENT_CODES.contains(e.code()) ? FailureKind.TRANSIENT : FailureKind.TERMINAL;
    }

    /** For a reply with no envelope: 408, 429, 5xx and anything outside 400-599 TRANSIENT; other 4xx TERMINAL. */
    public static FailureKind classifyStatus(int httpStatus) {
        boolean refusal = httpStatus >= 400 && httpStatus <= 499 && httpStatus != 408 && httpStatus != 429;
        return refusal ? FailureKind.TERMINAL : FailureKind.TRANSIENT;
    }

    /**
     * The server's retry hint: a non-negative numeric {@code data.retryAfterMs}, else the {@code Retry-After}
     * header as delta-seconds or an HTTP-date (measured from now, never negative). An unparseable header counts
     * as absent.
     */
    public static OptionalLong retryAfterMillis(LunoraException e, Optional<String> retryAfterHeader) {
        Optional<Object> hint = e.data().map(d -> d instanceof Map<?, ?> map ? map.get("retryAfterMs") : null);
        if (hint.isPresent() && hint.get() instanceof Number ms && Double.isFinite(ms.doubleValue())
                && ms.doubleValue() >= 0) {
            return OptionalLong.of((long) Math.ceil(ms.doubleValue()));
        }
        return retryAfterHeader.map(String::trim).map(FailureClassifier::parseRetryAfter)
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong parseRetryAfter(String header) {
        if (header.matches("[0-9]{1,12}")) {
            return OptionalLong.of(Long.parseLong(header) * 1000);
        }
        try {
            Instant at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return OptionalLong.of(Math.max(0, Duration.between(Instant.now(), at).toMillis()));
        } catch (DateTimeParseException ex) {
            return OptionalLong.empty();
        }
    }
}
