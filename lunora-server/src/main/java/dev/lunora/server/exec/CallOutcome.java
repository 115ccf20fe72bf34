package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalLong;

/**
 * The successful outcome of a call.
 *
 * @param result the wire-encoded result
 * @param commitCursor the commit cursor after a mutation; empty for a query
 * @param lastMutationId the caller's client-sequence watermark after a sequenced mutation; empty otherwise
 */
public record CallOutcome(JsonNode result, OptionalLong commitCursor, OptionalLong lastMutationId) {}
