package dev.lunora.protocol.shape;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Merges a {@code delta} frame's row operation into a cached query value (protocol spec section 5.1.1): into
 * the {@code page} array of a paginated value, or into a bare array. Stateless and thread-safe.
 */
public final class PageDeltaMerger {
    private PageDeltaMerger() {
    }

    /**
     * The merged value; {@code baseWire} is not modified.
     *
     * @param baseWire the cached wire value: a paginated object with a {@code page} array, or an array
     * @param rowOp the delta: {@code {op, key, row | value}}
     * @throws dev.lunora.protocol.wire.WireFormatException when the base is neither shape or the op is malformed
     */
    public static JsonNode merge(JsonNode baseWire, JsonNode rowOp) {
        throw new UnsupportedOperationException("not yet");
    }
}
