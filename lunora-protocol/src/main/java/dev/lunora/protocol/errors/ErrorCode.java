package dev.lunora.protocol.errors;

import dev.lunora.api.LunoraException;

/** The protocol's error codes and the HTTP status each travels with. */
public enum ErrorCode {
    /** Malformed request. */
    BAD_REQUEST(400),
    /** Arguments failed validation. */
    VALIDATION_ERROR(400),
    /** No or invalid credentials. */
    UNAUTHENTICATED(401),
    /** The credential expired. */
    TOKEN_EXPIRED(401),
    /** The caller may not do this. */
    FORBIDDEN(403),
    /** No such row or resource. */
    NOT_FOUND(404),
    /** No such function. */
    UNKNOWN_FUNCTION(404),
    /** No such mutation function. */
    UNKNOWN_MUTATION_FN(404),
    /** Wrong HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** A conflicting write. */
    CONFLICT(409),
    /** The same mutation id is still being dispatched. */
    DISPATCH_IN_PROGRESS(409),
    /** A client sequence number arrived out of order. */
    OUT_OF_ORDER(409),
    /** The request body is too large. */
    PAYLOAD_TOO_LARGE(413),
    /** A rate limiter refused the call. */
    RATE_LIMITED(429),
    /** Too many requests in flight. */
    TOO_MANY_REQUESTS(429),
    /** Too many live subscriptions on the socket. */
    TOO_MANY_SUBSCRIPTIONS(429),
    /** An unexpected server failure. */
    INTERNAL(500),
    /** The shard failed while handling the call. */
    SHARD_ERROR(502),
    /** The shard could not be reached. */
    SHARD_UNAVAILABLE(503),
    /** The server cancelled a subscription; travels only on WebSocket frames (no HTTP status). */
    SUBSCRIPTION_CANCELLED(0);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status, or 0 for a code that never travels over HTTP. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A coded exception with this code and {@code message}. */
    public LunoraException exception(String message) {
        return new LunoraException(name(), message);
    }

    /** The HTTP status for {@code code}; unknown codes (and codes without a status) map to 400. */
    public static int httpStatusOf(String code) {
        for (ErrorCode known : values()) {
            if (known.name().equals(code) && known.httpStatus != 0) {
                return known.httpStatus;
            }
        }
        return 400;
    }
}
