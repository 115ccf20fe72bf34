package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A successful RPC response.
 *
 * @param result the wire-encoded result
 * @param commitCursor the CDC commit position, when echoed
 * @param lastMutationId the per-client mutation watermark, when echoed
 */
public record RpcSuccess(JsonNode result, OptionalLong commitCursor, OptionalLong lastMutationId) {
    /** Rejects null components (a null result is {@code NullNode}). */
    public RpcSuccess {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(commitCursor, "commitCursor");
        Objects.requireNonNull(lastMutationId, "lastMutationId");
    }

    /** A success carrying only {@code result}. */
    public static RpcSuccess of(JsonNode result) {
        return new RpcSuccess(result, OptionalLong.empty(), OptionalLong.empty());
    }

    /** The JSON body {@code {result, commitCursor?, lastMutationId?}}. */
    public ObjectNode toBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("result", result);
        JsonFields.putIfPresent(body, "commitCursor", commitCursor);
        JsonFields.putIfPresent(body, "lastMutationId", lastMutationId);
        return body;
    }
}
