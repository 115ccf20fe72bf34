package dev.lunora.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Lunora wire value codec (protocol spec section 2). Stateless and thread-safe.
 *
 * <p>The native model: {@code null}; {@link Boolean}; {@link String}; {@link Long} for an integral number within
 * ±{@link #MAX_SAFE_INTEGER} (except {@code -0}), otherwise {@link Double}; {@link BigInteger} for a bigint;
 * {@code Map<String, ?>} (decoded as {@link LinkedHashMap}) for an object; {@code List<?>} for an array;
 * {@link Undefined}, {@link WireDate}, {@link WireUrl}, {@link WireBytes}, {@link WireMap}, {@link WireSet} and
 * {@link WireError} for the tagged kinds. Encode additionally accepts {@link Integer}, {@link Short}, {@link Byte},
 * {@link Float}, any {@link Collection} and {@code Object[]} (as arrays), {@code byte[]}, {@link Instant},
 * {@link Date} and {@link URI}.
 */
public final class WireCodec {
    /** The sentinel that marks a tagged array. */
    public static final String TAG = "$lunora.wire$";
    /** The deepest nesting level either direction accepts (the top-level value is level 0). */
    public static final int MAX_DEPTH = 64;
    /** The longest bigint digit string decode accepts. */
    public static final int MAX_BIGINT_DIGITS = 1024;
    /** The largest integer a JavaScript number holds exactly. */
    public static final long MAX_SAFE_INTEGER = 9007199254740991L;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern BIGINT_DIGITS = Pattern.compile("-?[0-9]+");

    private WireCodec() {
    }

    /**
     * Encodes a native value to its wire JSON.
     *
     * @throws WireFormatException for a value outside the native model, nested deeper than {@link #MAX_DEPTH},
     *     or a long beyond ±{@link #MAX_SAFE_INTEGER}
     */
    public static JsonNode encode(Object nativeValue) {
        return encode(nativeValue, 0);
    }

    /**
     * Decodes wire JSON to the native model.
     *
     * @throws WireFormatException for any malformed tag, non-canonical payload or nesting deeper than
     *     {@link #MAX_DEPTH}
     */
    public static Object decode(JsonNode wire) {
        return decode(wire, 0);
    }

    /** Whether {@code value} is a number within the exact-integer range of a double. */
    static boolean isSafeInteger(long value) {
        return value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER;
    }

    /** The native number for a double: a Long when integral and safe (never for -0), otherwise the Double. */
    static Object nativeNumber(double value) {
        boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
        if (!negativeZero && value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER) {
            return (long) value;
        }
        return value;
    }

    // ---------------------------------------------------------------- encode

    private static JsonNode encode(Object value, int depth) {
        checkDepth(depth);
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        } else if (value instanceof Long l) {
            if (!isSafeInteger(l)) {
                throw new WireFormatException(l + " is beyond the exact integer range of a wire number;"
                        + " use BigInteger for a bigint");
            }
            return NODES.numberNode(l);
        } else if (value instanceof Double || value instanceof Float) {
            return encodeDouble(((Number) value).doubleValue());
        } else if (value instanceof BigInteger big) {
            return tagged("bigint").add(big.toString());
        } else if (value instanceof Undefined) {
            return tagged("undefined");
        } else if (value instanceof Map<?, ?> map) {
            return encodeObject(map, depth);
        } else if (value instanceof Collection<?> items) {
            return encodeArray(items, depth);
        } else if (value instanceof Object[] items) {
            return encodeArray(Arrays.asList(items), depth);
        }
        return encodeTagged(value, depth);
    }

    private static JsonNode encodeTagged(Object value, int depth) {
        if (value instanceof WireDate date) {
            return tagged("date").add(encode(date.epochMs(), depth + 1));
        } else if (value instanceof Instant instant) {
            return encodeTagged(WireDate.of(instant), depth);
        } else if (value instanceof Date date) {
            return encodeTagged(WireDate.of(date), depth);
        } else if (value instanceof WireUrl url) {
            return tagged("url").add(url.href());
        } else if (value instanceof URI uri) {
            return encodeTagged(WireUrl.of(uri), depth);
        } else if (value instanceof WireBytes bytes) {
            ArrayNode node = tagged("bytes").add(bytes.base64());
            bytes.ctor().ifPresent(node::add);
            return node;
        } else if (value instanceof byte[] raw) {
            return encodeTagged(WireBytes.of(raw), depth);
        } else if (value instanceof WireMap map) {
            ArrayNode entries = NODES.arrayNode();
            for (Map.Entry<Object, Object> entry : map.entries()) {
                entries.addArray().add(encode(entry.getKey(), depth + 1)).add(encode(entry.getValue(), depth + 1));
            }
            return tagged("map").add(entries);
        } else if (value instanceof WireSet set) {
            ArrayNode items = NODES.arrayNode();
            for (Object item : set.items()) {
                items.add(encode(item, depth + 1));
            }
            return tagged("set").add(items);
        } else if (value instanceof WireError error) {
            ArrayNode node = tagged("error").add(error.name()).add(error.message());
            checkDepth(depth + 1);
            node.add(encodeObject(error.props(), depth + 1));
            if (error.hasCause()) {
                node.add(encode(error.cause(), depth + 1));
            }
            return node;
        }
        throw new WireFormatException("cannot encode a " + value.getClass().getName() + " to the wire");
    }

    private static JsonNode encodeDouble(double d) {
        if (Double.isNaN(d)) {
            return tagged("nan");
        } else if (Double.isInfinite(d)) {
            return tagged(d > 0 ? "inf" : "-inf");
        }
        Object number = nativeNumber(d);
        return number instanceof Long l ? NODES.numberNode(l) : NODES.numberNode(d);
    }

    private static ObjectNode encodeObject(Map<?, ?> map, int depth) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new WireFormatException("an object key must be a String, not " + entry.getKey()
                        + "; use WireMap for other keys");
            }
            if (!(entry.getValue() instanceof Undefined)) {
                node.set(key, encode(entry.getValue(), depth + 1));
            }
        }
        return node;
    }

    private static ArrayNode encodeArray(Collection<?> items, int depth) {
        ArrayNode node = NODES.arrayNode();
        for (Object item : items) {
            node.add(encode(item, depth + 1));
        }
        Iterator<?> first = items.iterator();
        if (first.hasNext() && TAG.equals(first.next())) {
            return tagged("arr").add(node);
        }
        return node;
    }

    private static ArrayNode tagged(String tag) {
        return NODES.arrayNode().add(TAG).add(tag);
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new WireFormatException("value is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    // ---------------------------------------------------------------- decode

    private static Object decode(JsonNode node, int depth) {
        checkDepth(depth);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isNumber()) {
            if (node.canConvertToLong() && node.isIntegralNumber()) {
                long l = node.longValue();
                return isSafeInteger(l) ? (Object) l : (Object) (double) l;
            }
            return nativeNumber(node.doubleValue());
        } else if (node.isObject()) {
            return decodeObject(node, depth);
        } else if (node.isArray()) {
            return decodeArray(node, depth);
        }
        throw new WireFormatException("not a wire value: " + node.getNodeType());
    }

    private static Map<String, Object> decodeObject(JsonNode node, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), decode(field.getValue(), depth + 1));
        }
        return map;
    }

    private static Object decodeArray(JsonNode node, int depth) {
        if (node.size() >= 2 && TAG.equals(node.get(0).textValue()) && node.get(1).isTextual()) {
            Optional<Object> tagged = decodeTagged(node.get(1).textValue(), node, depth);
            if (tagged.isPresent()) {
                return tagged.get();
            }
        }
        // An unknown tag (or a bare sentinel) is an ordinary array, per forward-compat.
        return decodeElements(node, depth);
    }

    private static List<Object> decodeElements(JsonNode array, int depth) {
        List<Object> list = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            list.add(decode(element, depth + 1));
        }
        return list;
    }

    private static Optional<Object> decodeTagged(String tag, JsonNode node, int depth) {
        JsonNode payload = node.path(2);
        switch (tag) {
            case "bigint":
                return Optional.of(decodeBigInt(payload));
            case "nan":
                return Optional.of(Double.NaN);
            case "inf":
                return Optional.of(Double.POSITIVE_INFINITY);
            case "-inf":
                return Optional.of(Double.NEGATIVE_INFINITY);
            case "undefined":
                return Optional.of(Undefined.INSTANCE);
            case "date":
                return Optional.of(decodeDate(payload, depth));
            case "url":
                if (!payload.isTextual()) {
                    throw new WireFormatException("url href must be a string");
                }
                return Optional.of(new WireUrl(payload.textValue()));
            case "map":
                return Optional.of(decodeMap(payload, depth));
            case "set":
                WireSet set = new WireSet();
                for (Object item : decodeElements(requireArray(payload, "set"), depth)) {
                    set.add(item);
                }
                return Optional.of(set);
            case "bytes":
                return Optional.of(decodeBytes(payload, node.path(3)));
            case "error":
                return Optional.of(decodeError(node, depth));
            case "arr":
                return Optional.of(decodeElements(requireArray(payload, "arr"), depth));
            default:
                return Optional.empty();
        }
    }

    private static JsonNode requireArray(JsonNode payload, String tag) {
        if (!payload.isArray()) {
            throw new WireFormatException(tag + " payload must be an array");
        }
        return payload;
    }

    private static BigInteger decodeBigInt(JsonNode payload) {
        if (!payload.isTextual() || !BIGINT_DIGITS.matcher(payload.textValue()).matches()) {
            throw new WireFormatException("bigint payload must be a string of ASCII decimal digits");
        }
        String digits = payload.textValue();
        if (digits.length() - (digits.startsWith("-") ? 1 : 0) > MAX_BIGINT_DIGITS) {
            throw new WireFormatException("bigint has more than " + MAX_BIGINT_DIGITS + " digits");
        }
        return new BigInteger(digits);
    }

    private static WireDate decodeDate(JsonNode payload, int depth) {
        Object epoch = payload.isNumber() || payload.isArray() ? decode(payload, depth + 1) : null;
        if (!(epoch instanceof Long || epoch instanceof Double)) {
            throw new WireFormatException("date epoch must be a number");
        }
        return new WireDate(((Number) epoch).doubleValue());
    }

    private static WireMap decodeMap(JsonNode payload, int depth) {
        WireMap map = new WireMap();
        for (JsonNode entry : requireArray(payload, "map")) {
            if (!entry.isArray() || entry.size() != 2) {
                throw new WireFormatException("a map entry must be a [key, value] pair");
            }
            map.put(decode(entry.get(0), depth + 1), decode(entry.get(1), depth + 1));
        }
        return map;
    }

    private static WireBytes decodeBytes(JsonNode payload, JsonNode ctor) {
        if (!payload.isTextual()) {
            throw new WireFormatException("bytes payload must be a base64 string");
        }
        byte[] bytes = WireBytes.decodeBase64(payload.textValue());
        if (ctor.isMissingNode() || ctor.isNull()) {
            return WireBytes.of(bytes);
        }
        if (!ctor.isTextual()) {
            throw new WireFormatException("bytes constructor name must be a string");
        }
        // An unknown constructor carries no element size: forward-compat decodes it to raw bytes, dropping it.
        return WireBytes.isKnownCtor(ctor.textValue()) ? WireBytes.of(bytes, ctor.textValue()) : WireBytes.of(bytes);
    }

    private static WireError decodeError(JsonNode node, int depth) {
        JsonNode name = node.path(2);
        JsonNode message = node.path(3);
        JsonNode props = node.path(4);
        if (!name.isTextual() || !message.isTextual()) {
            throw new WireFormatException("error name and message must be strings");
        }
        if (!props.isObject()) {
            throw new WireFormatException("error props must be an object");
        }
        checkDepth(depth + 1);
        Map<String, Object> decodedProps = decodeObject(props, depth + 1);
        Object cause = node.size() > 5 ? decode(node.get(5), depth + 1) : Undefined.INSTANCE;
        return new WireError(name.textValue(), message.textValue(), decodedProps, cause);
    }
}
