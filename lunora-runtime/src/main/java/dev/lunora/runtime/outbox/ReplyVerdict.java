package dev.lunora.runtime.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.FailureClassifier;
import dev.lunora.protocol.rpc.FailureKind;
import dev.lunora.protocol.rpc.RpcResponses;
import dev.lunora.protocol.rpc.RpcSuccess;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** What one reply (or one batch slot) means for a write: applied, refused for good, or to be sent again. */
sealed interface ReplyVerdict {
    /** The server applied the write. */
    record Accepted(RpcSuccess success) implements ReplyVerdict {}

    /** The server refused the write for good. */
    record Rejected(LunoraException error) implements ReplyVerdict {}

    /** No verdict was reached; send again after {@code hintMillis} if the server gave one, else after backoff. */
    record Retry(String reason, OptionalLong hintMillis) implements ReplyVerdict {}

    /**
     * Classifies a single-call reply (spec §4.2): an error envelope is a verdict unless its code is transient; a
     * reply without an envelope is classified by its HTTP status (408, 429, 5xx and non-4xx: retry; other 4xx: a
     * refusal of the request).
     */
    static ReplyVerdict of(int status, String body, Optional<String> retryAfter) {
        return of(status, () -> RpcResponses.parse(status, body), retryAfter);
    }

    private static ReplyVerdict of(int status, Supplier<RpcSuccess> parse, Optional<String> retryAfter) {
        try {
            return new Accepted(parse.get());
        } catch (LunoraException e) {
            if (e.coded()) {
                return FailureClassifier.classify(e) == FailureKind.TERMINAL ? new Rejected(e)
                        : new Retry(e.code() + ": " + e.getMessage(), FailureClassifier.retryAfterMillis(e, retryAfter));
            }
            if (FailureClassifier.classifyStatus(status) == FailureKind.TERMINAL) {
                return new Rejected(new LunoraException("HTTP_" + status,
                        "the server refused the request with HTTP " + status + " and no error envelope"));
            }
            return new Retry(e.getMessage(), FailureClassifier.retryAfterMillis(e, retryAfter));
        }
    }

    /**
     * Classifies one batch slot (spec §4.3): classified like a single reply, except that a slot whose {@code error}
     * is not an envelope carries no status to classify it by, so it is retried.
     */
    static ReplyVerdict ofSlot(JsonNode body, Optional<String> retryAfter) {
        if (body.has("error") && !body.get("error").isObject()) {
            return new Retry("a batch slot without an error envelope", OptionalLong.empty());
        }
        return of(200, () -> RpcResponses.parse(200, Optional.of(body)), retryAfter);
    }
}
