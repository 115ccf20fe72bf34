package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One function call as it arrived over RPC (single or batch entry).
 *
 * @param functionPath the function's wire path
 * @param args the wire-encoded argument object ({@code null} or missing means none)
 * @param userId the verified caller, empty when anonymous
 * @param clientId the caller's client id ({@code x-lunora-client-id}), when sent
 * @param mutationId the idempotency key ({@code x-lunora-mutation-id}), when sent
 * @param clientSeq the client's sequence number ({@code x-lunora-client-seq}), when sent; needs {@code clientId}
 */
public record Call(String functionPath, JsonNode args, Optional<String> userId, Optional<String> clientId,
                   Optional<String> mutationId, OptionalLong clientSeq) {}
