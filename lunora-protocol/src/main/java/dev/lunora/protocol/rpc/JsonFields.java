package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.api.LunoraException;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed reads and optional writes of envelope fields; failures are {@code BAD_REQUEST}. Stateless. */
final class JsonFields {
    private JsonFields() {
    }

    static String requireString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw badRequest("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    static Optional<String> optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw badRequest("'" + field + "' must be a string");
        }
        return Optional.of(value.textValue());
    }

    static OptionalLong optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        boolean integral = value.isIntegralNumber()
                || value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue());
        if (!integral || !value.canConvertToLong()) {
            throw badRequest("'" + field + "' must be an integer");
        }
        return OptionalLong.of(value.longValue());
    }

    static JsonNode argsObject(JsonNode node) {
        JsonNode args = node.get("args");
        if (args == null || args.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!args.isObject()) {
            throw badRequest("'args' must be an object");
        }
        return args;
    }

    static void putIfPresent(ObjectNode node, String field, Optional<String> value) {
        value.ifPresent(v -> node.put(field, v));
    }

    static void putIfPresent(ObjectNode node, String field, OptionalLong value) {
        value.ifPresent(v -> node.put(field, v));
    }

    static LunoraException badRequest(String message) {
        return new LunoraException("BAD_REQUEST", message);
    }
}
