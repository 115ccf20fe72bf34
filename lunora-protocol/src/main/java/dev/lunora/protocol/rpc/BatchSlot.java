package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One result slot of a batch response.
 *
 * @param id the entry's caller-assigned id
 * @param body exactly a single-call response body: {@code {result, ...}} or {@code {error}}
 */
public record BatchSlot(int id, JsonNode body) {
}
