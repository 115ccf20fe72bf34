package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /_lunora/rpc}.
 *
 * @param functionPath {@code "<file>:<function>"}
 * @param args the wire-encoded arguments object
 * @param shardKey the shard, empty for the default shard
 */
public record RpcRequest(String functionPath, JsonNode args, Optional<String> shardKey) {
    /** Rejects null components. */
    public RpcRequest {
        Objects.requireNonNull(functionPath, "functionPath");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(shardKey, "shardKey");
    }

    /** The JSON body {@code {args, functionPath, shardKey?}}; an empty shard key is omitted. */
    public ObjectNode toBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("args", args);
        body.put("functionPath", functionPath);
        JsonFields.putIfPresent(body, "shardKey", shardKey.filter(key -> !key.isEmpty()));
        return body;
    }

    /**
     * Reads a request body (server side): {@code functionPath} must be a string, {@code args} an object (absent
     * means {@code {}}), {@code shardKey} a string when present (empty means the default shard).
     *
     * @throws dev.lunora.api.LunoraException with code {@code BAD_REQUEST} when the body is malformed
     */
    public static RpcRequest fromBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw JsonFields.badRequest("the request body must be a JSON object");
        }
        return new RpcRequest(JsonFields.requireString(body, "functionPath"), JsonFields.argsObject(body),
                JsonFields.optionalString(body, "shardKey").filter(key -> !key.isEmpty()));
    }
}
