package dev.lunora.protocol.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireCodec;
import dev.lunora.protocol.wire.WireJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The stable subscription key (protocol spec section 3). Stateless and thread-safe. */
public final class StableKey {
    private StableKey() {
    }

    /**
     * {@code stableStringify(encode(nativeValue))}.
     *
     * @throws dev.lunora.protocol.wire.WireFormatException when the value cannot be encoded
     */
    public static String stableWireKey(Object nativeValue) {
        return stringify(WireCodec.encode(nativeValue));
    }

    /**
     * Canonical JSON of already-encoded wire JSON: object keys sorted by UTF-16 code units at every depth, arrays
     * in order, {@code JSON.stringify} string escapes, ECMAScript number spelling with {@code -0} kept, and
     * object fields holding the {@code undefined} tag dropped.
     */
    public static String stringify(JsonNode encoded) {
        StringBuilder out = new StringBuilder();
        append(encoded, out);
        return out.toString();
    }

    /**
     * {@code functionPath + "::" + stableWireKey(args) + "::" + (shardKey ?? "")}. {@code args} may be wire JSON
     * (a {@link JsonNode}, used as already encoded) or any value {@link WireJson#toWire(Object)} accepts: a
     * native value, a record, a collection.
     *
     * @param shardKeyOrNull the shard key, or null for the default shard
     * @throws dev.lunora.protocol.wire.WireFormatException when the args cannot be encoded
     */
    public static String subscriptionKey(String functionPath, Object args, String shardKeyOrNull) {
        JsonNode wire = args instanceof JsonNode node ? node : WireJson.toWire(args);
        return functionPath + "::" + stringify(wire) + "::" + (shardKeyOrNull == null ? "" : shardKeyOrNull);
    }

    private static void append(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isTextual()) {
            appendString(node.textValue(), out);
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            long l = node.longValue();
            out.append(Math.abs(l) <= WireCodec.MAX_SAFE_INTEGER ? Long.toString(l) : EcmaNumbers.toString(l));
        } else if (node.isNumber()) {
            out.append(EcmaNumbers.toString(node.doubleValue()));
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(node.get(i), out);
            }
            out.append(']');
        } else {
            appendObject(node, out);
        }
    }

    private static void appendObject(JsonNode node, StringBuilder out) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!isUndefinedTag(node.get(key))) {
                keys.add(key);
            }
        }
        // String.compareTo compares UTF-16 code units, exactly like JavaScript's default sort.
        keys.sort(String::compareTo);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(keys.get(i), out);
            out.append(':');
            append(node.get(keys.get(i)), out);
        }
        out.append('}');
    }

    private static boolean isUndefinedTag(JsonNode value) {
        return value.isArray() && value.size() == 2 && WireCodec.TAG.equals(value.get(0).textValue())
                && "undefined".equals(value.get(1).textValue());
    }

    /** JSON.stringify's string quoting, including well-formed escaping of lone surrogates. */
    private static void appendString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    boolean pairedLow = Character.isLowSurrogate(c) && i > 0
                            && Character.isHighSurrogate(s.charAt(i - 1));
                    if (c < 0x20 || (Character.isSurrogate(c) && !pairedHigh && !pairedLow)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
