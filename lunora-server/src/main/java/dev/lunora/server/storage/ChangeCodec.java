package dev.lunora.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.protocol.wire.WireJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change-log form of a commit's row images: a JSON array of {@code {"table": name, "values": {field: value}}},
 * decoded back to the JDBC value space with the tables' column kinds. Stateless.
 */
final class ChangeCodec {
    private ChangeCodec() {}

    /** The JSON text of {@code writes}. */
    static String encode(List<RowImage> writes) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode array = json.arrayNode();
        for (RowImage row : writes) {
            ObjectNode values = json.objectNode();
            row.values().forEach((field, value) -> values.set(field, node(value)));
            array.addObject().put("table", row.table()).set("values", values);
        }
        return WireJson.write(array);
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null) {
            return json.nullNode();
        }
        if (value instanceof Double number) {
            // Non-finite doubles go as text ("NaN", "Infinity"), which asDouble() reads back.
            return number.isNaN() || number.isInfinite() ? json.textNode(number.toString()) : json.numberNode(number);
        }
        if (value instanceof Long number) {
            return json.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return json.booleanNode(flag);
        }
        return json.textNode((String) value);
    }

    /** The row images in {@code text}, typed by the column kinds of {@code tables}. */
    static List<RowImage> decode(String text, Map<String, TableSchema> tables) {
        List<RowImage> rows = new ArrayList<>();
        for (JsonNode row : WireJson.parse(text)) {
            String table = row.get("table").asText();
            TableSchema schema = tables.get(table);
            Map<String, Object> values = new HashMap<>();
            row.get("values").fields().forEachRemaining(field -> values.put(field.getKey(),
                    value(schema, field.getKey(), field.getValue())));
            rows.add(new RowImage(table, values));
        }
        return rows;
    }

    private static Object value(TableSchema schema, String field, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (field.equals(TableSchema.CREATION_TIME)) {
            return node.asLong();
        }
        ColumnKind kind = schema == null ? ColumnKind.TEXT
                : schema.column(field).map(Column::kind).orElse(ColumnKind.TEXT);
        return switch (kind) {
            case INTEGER -> node.asLong();
            case REAL -> node.asDouble();
            case BOOLEAN -> node.asBoolean();
            case TEXT, JSON -> node.asText();
        };
    }
}
