package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of a batch response carrying per-entry slots.
 *
 * @param results the slots the server returned (possibly fewer than the calls sent)
 */
public record BatchResponse(List<BatchSlot> results) {
    /** Copies {@code results}. */
    public BatchResponse {
        results = List.copyOf(results);
    }

    /** The JSON body {@code {"results": [{id, body}, ...]}}. */
    public ObjectNode toBody() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (BatchSlot slot : results) {
            array.addObject().put("id", slot.id()).set("body", slot.body());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("results", array);
        return body;
    }

    /**
     * Reads a batch response body (client side). Slots that are not objects with an integer {@code id} are
     * skipped (the client retries entries without a slot); a slot's body is kept as sent.
     *
     * @return empty when the body has no {@code results} array: a whole-batch outcome, to classify like a
     *     single-call response
     */
    public static Optional<BatchResponse> fromBody(JsonNode body) {
        JsonNode array = body == null ? null : body.get("results");
        if (array == null || !array.isArray()) {
            return Optional.empty();
        }
        List<BatchSlot> slots = new ArrayList<>();
        for (JsonNode slot : array) {
            JsonNode id = slot.get("id");
            if (slot.isObject() && id != null && id.isIntegralNumber() && id.canConvertToInt()) {
                slots.add(new BatchSlot(id.intValue(), slot.path("body")));
            }
        }
        return Optional.of(new BatchResponse(slots));
    }
}
