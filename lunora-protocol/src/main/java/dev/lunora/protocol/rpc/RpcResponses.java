package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireFormatException;
import dev.lunora.protocol.wire.WireJson;
import java.util.Optional;

/** Client-side reading of RPC responses (protocol spec section 4.2). Stateless and thread-safe. */
public final class RpcResponses {
    private RpcResponses() {
    }

    /**
     * Reads a response: a body whose {@code error} slot is an object throws that coded error whatever the status;
     * otherwise a 2xx JSON object is a success (a missing {@code result} is null); anything else is a transport
     * failure.
     *
     * @throws LunoraException the envelope's coded error ({@code coded() == true}), or an uncoded
     *     {@code INTERNAL} error for a failure with no object envelope or a body that is not a JSON object
     */
    public static RpcSuccess parse(int httpStatus, String body) {
        return parse(httpStatus, parseJson(body));
    }

    /** {@link #parse(int, String)} for a body already parsed (empty: not JSON), e.g. one slot of a batch reply. */
    public static RpcSuccess parse(int httpStatus, Optional<JsonNode> json) {
        Optional<ErrorEnvelope> envelope = json.flatMap(ErrorEnvelope::fromBody);
        if (envelope.isPresent()) {
            throw envelope.get().toException();
        }
        if (httpStatus < 200 || httpStatus > 299) {
            throw transportError("HTTP " + httpStatus + " with no error envelope");
        }
        JsonNode success = json.filter(JsonNode::isObject)
                .orElseThrow(() -> transportError("HTTP " + httpStatus + " body is not a JSON object"));
        try {
            return new RpcSuccess(success.has("result") ? success.get("result") : NullNode.getInstance(),
                    JsonFields.optionalLong(success, "commitCursor"),
                    JsonFields.optionalLong(success, "lastMutationId"));
        } catch (LunoraException e) {
            throw transportError("malformed success body: " + e.getMessage());
        }
    }

    /** An uncoded {@code INTERNAL} failure: the transport, not the server, produced it. */
    public static LunoraException transportError(String message) {
        return new LunoraException("INTERNAL", message, null, false, null);
    }

    private static Optional<JsonNode> parseJson(String body) {
        try {
            return body == null || body.isBlank() ? Optional.empty() : Optional.of(WireJson.parse(body));
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }
}
