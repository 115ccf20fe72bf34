package dev.lunora.protocol.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.protocol.wire.WireFormatException;

/**
 * Merges a {@code delta} frame's row operation into a cached query value (protocol spec section 5.1.1): into
 * the {@code page} array of a paginated value (every other field unchanged), or into a bare array. Rows match by
 * {@code _id}. An insert goes before the first row that breaks the list's own {@code _creationTime} direction when
 * the new row and all rows carry a numeric {@code _creationTime}, otherwise at the end. Stateless and thread-safe.
 */
public final class PageDeltaMerger {
    private PageDeltaMerger() {
    }

    /**
     * The merged value; {@code baseWire} is not modified.
     *
     * @param baseWire the cached wire value: a paginated object with a {@code page} array, or an array
     * @param rowOp the delta: {@code {op, key, row | value}}
     * @throws WireFormatException when the base is neither shape or the op is malformed
     */
    public static JsonNode merge(JsonNode baseWire, JsonNode rowOp) {
        if (baseWire.isObject() && baseWire.path("page").isArray()) {
            ObjectNode merged = ((ObjectNode) baseWire).deepCopy();
            merged.set("page", mergeRows((ArrayNode) baseWire.get("page"), rowOp));
            return merged;
        } else if (baseWire.isArray()) {
            return mergeRows((ArrayNode) baseWire, rowOp);
        }
        throw new WireFormatException("a delta merges only into an array or a paginated {page: [...]} value");
    }

    private static ArrayNode mergeRows(ArrayNode base, JsonNode rowOp) {
        JsonNode op = rowOp.path("op");
        JsonNode key = rowOp.path("key");
        if (!op.isTextual() || !key.isTextual()) {
            throw new WireFormatException("a row op needs string 'op' and 'key'");
        }
        JsonNode row = rowOp.has("row") ? rowOp.get("row") : rowOp.path("value");
        ArrayNode rows = base.deepCopy();
        int index = indexOf(rows, key.textValue());
        switch (op.textValue()) {
            case "delete" -> {
                if (index >= 0) {
                    rows.remove(index);
                }
            }
            case "insert", "update" -> {
                if (!row.isObject()) {
                    throw new WireFormatException("an " + op.textValue() + " op needs an object row");
                }
                if (index >= 0) {
                    rows.set(index, row);
                } else {
                    rows.insert(insertionPoint(rows, row), row);
                }
            }
            default -> throw new WireFormatException("unknown row op '" + op.textValue() + "'");
        }
        return rows;
    }

    private static int indexOf(ArrayNode rows, String id) {
        for (int i = 0; i < rows.size(); i++) {
            if (id.equals(rows.get(i).path("_id").textValue())) {
                return i;
            }
        }
        return -1;
    }

    private static int insertionPoint(ArrayNode rows, JsonNode row) {
        if (!row.path("_creationTime").isNumber()) {
            return rows.size();
        }
        for (JsonNode existing : rows) {
            if (!existing.path("_creationTime").isNumber()) {
                return rows.size();
            }
        }
        double time = row.get("_creationTime").doubleValue();
        boolean descending = rows.size() >= 2
                && rows.get(0).get("_creationTime").doubleValue() > rows.get(rows.size() - 1)
                        .get("_creationTime").doubleValue();
        for (int i = 0; i < rows.size(); i++) {
            double existing = rows.get(i).get("_creationTime").doubleValue();
            if (descending ? existing < time : existing > time) {
                return i;
            }
        }
        return rows.size();
    }
}
