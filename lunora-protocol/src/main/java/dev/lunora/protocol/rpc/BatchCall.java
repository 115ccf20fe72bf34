package dev.lunora.protocol.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One entry of a batched RPC.
 *
 * @param id the caller-assigned slot its result comes back in
 * @param functionPath {@code "<file>:<function>"}
 * @param args the wire-encoded arguments object
 * @param mutationId the entry's idempotency key, when any
 * @param clientId the id of the client that issued the write, when any
 * @param shardKey the shard, empty for the default shard
 */
public record BatchCall(int id, String functionPath, JsonNode args, Optional<String> mutationId,
        Optional<String> clientId, Optional<String> shardKey) {
}
