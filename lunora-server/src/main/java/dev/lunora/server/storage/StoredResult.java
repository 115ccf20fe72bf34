package dev.lunora.server.storage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The recorded outcome of an idempotent mutation, returned again for a replay of the same mutation id.
 *
 * @param result the wire-encoded result
 * @param commitCursor the commit cursor the first run returned
 */
public record StoredResult(JsonNode result, long commitCursor) {}
