package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireCodec;
import dev.lunora.protocol.wire.WireJson;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code {"error": {code, message, data?}}} failure envelope.
 *
 * @param code the machine-readable code
 * @param message the human-readable message
 * @param data the wire-encoded data, when any
 */
public record ErrorEnvelope(String code, String message, Optional<JsonNode> data) {
    /** Rejects null components. */
    public ErrorEnvelope {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(data, "data");
    }

    /** The JSON body {@code {"error": {code, message, data?}}}. */
    public ObjectNode toBody() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", message);
        data.ifPresent(d -> error.set("data", d));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("error", error);
        return body;
    }

    /**
     * The coded exception this envelope reports, data decoded with the wire codec.
     *
     * @throws dev.lunora.protocol.wire.WireFormatException when the data is malformed wire
     */
    public LunoraException toException() {
        return new LunoraException(code, message, data.map(WireCodec::decode).orElse(null));
    }

    /**
     * The envelope for {@code e}; its data (a native value, record or collection) is wire-encoded.
     *
     * @throws dev.lunora.protocol.wire.WireFormatException when the data cannot be encoded
     */
    public static ErrorEnvelope of(LunoraException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return new ErrorEnvelope(e.code(), message, e.data().map(WireJson::toWire));
    }

    /**
     * Reads an envelope from a response body, if the body's {@code error} slot holds an object; a missing
     * {@code code} reads as {@code INTERNAL}, a missing {@code message} as empty.
     */
    public static Optional<ErrorEnvelope> fromBody(JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject()) {
            return Optional.empty();
        }
        JsonNode data = error.get("data");
        return Optional.of(new ErrorEnvelope(error.path("code").asText("INTERNAL"),
                error.path("message").asText(""),
                data == null || data.isNull() ? Optional.empty() : Optional.of(data)));
    }
}
