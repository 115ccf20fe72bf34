package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /_lunora/rpc-batch}.
 *
 * @param calls the entries, in dispatch order
 */
public record BatchRequest(List<BatchCall> calls) {
    /** The most entries one batch may carry (normative, pinned by the offline fixtures). */
    public static final int MAX_BATCH_ENTRIES = 500;
    /** The largest request body a client may send, in bytes. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** Copies {@code calls}. */
    public BatchRequest {
        calls = List.copyOf(calls);
    }

    /** The JSON body {@code {"calls": [...]}}; absent optional fields and empty shard keys are omitted. */
    public ObjectNode toBody() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (BatchCall call : calls) {
            ObjectNode entry = array.addObject();
            entry.put("functionPath", call.functionPath());
            entry.set("args", call.args());
            entry.put("id", call.id());
            JsonFields.putIfPresent(entry, "mutationId", call.mutationId());
            JsonFields.putIfPresent(entry, "clientId", call.clientId());
            JsonFields.putIfPresent(entry, "shardKey", call.shardKey().filter(key -> !key.isEmpty()));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("calls", array);
        return body;
    }

    /**
     * Reads a batch body (server side): a missing {@code id} defaults to the entry's index, missing {@code args}
     * to {@code {}}.
     *
     * @throws dev.lunora.api.LunoraException with code {@code BAD_REQUEST} when malformed or over
     *     {@link #MAX_BATCH_ENTRIES}
     */
    public static BatchRequest fromBody(JsonNode body) {
        JsonNode array = body == null ? null : body.get("calls");
        if (array == null || !array.isArray()) {
            throw JsonFields.badRequest("'calls' must be an array");
        }
        if (array.size() > MAX_BATCH_ENTRIES) {
            throw JsonFields.badRequest("a batch carries at most " + MAX_BATCH_ENTRIES + " calls, not "
                    + array.size());
        }
        List<BatchCall> calls = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            if (!entry.isObject()) {
                throw JsonFields.badRequest("calls[" + i + "] must be an object");
            }
            JsonNode id = entry.get("id");
            if (id != null && !id.isNull() && !(id.isIntegralNumber() && id.canConvertToInt())) {
                throw JsonFields.badRequest("calls[" + i + "].id must be an integer");
            }
            calls.add(new BatchCall(id == null || id.isNull() ? i : id.intValue(),
                    JsonFields.requireString(entry, "functionPath"), JsonFields.argsObject(entry),
                    JsonFields.optionalString(entry, "mutationId"), JsonFields.optionalString(entry, "clientId"),
                    JsonFields.optionalString(entry, "shardKey").filter(key -> !key.isEmpty())));
        }
        return new BatchRequest(calls);
    }
}
