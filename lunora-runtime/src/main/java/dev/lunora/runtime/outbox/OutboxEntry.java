package dev.lunora.runtime.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One pending write as it is stored.
 *
 * @param seq the store's order of the write (FIFO); assigned on append
 * @param transactionId the write's transaction id (the client-generated row id)
 * @param mutationId the idempotency key, stable across retries and restarts
 * @param collection the collection the write belongs to
 * @param functionPath the mutation's wire path
 * @param args the mutation's wire-encoded arguments
 * @param row the wire-encoded optimistic row
 * @param rowKey the optimistic row's key
 * @param identity a digest of the credential the write was made under, if any
 * @param createdAt when the write was made, epoch ms
 * @param attempts how many sends failed transiently so far
 * @param nextAttemptAt the earliest time of the next send, epoch ms
 * @param lastError the last transient failure, if any
 */
public record OutboxEntry(long seq, String transactionId, String mutationId, String collection, String functionPath,
                          JsonNode args, JsonNode row, String rowKey, Optional<String> identity, long createdAt,
                          int attempts, long nextAttemptAt, Optional<String> lastError) {
    /** Rejects null parts. */
    public OutboxEntry {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(mutationId, "mutationId");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(functionPath, "functionPath");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(rowKey, "rowKey");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** This entry with its store order assigned. */
    OutboxEntry withSeq(long assigned) {
        return new OutboxEntry(assigned, transactionId, mutationId, collection, functionPath, args, row, rowKey,
                identity, createdAt, attempts, nextAttemptAt, lastError);
    }

    /** This entry after a transient failure. */
    OutboxEntry retryAt(long when, String error) {
        return withRetryState(attempts + 1, when, Optional.of(error));
    }

    /** This entry made sendable now (after a reconnect). */
    OutboxEntry dueNow() {
        return withRetryState(attempts, 0, lastError);
    }

    /** This entry with the retry state another process recorded. */
    OutboxEntry withRetryState(int failures, long when, Optional<String> error) {
        return new OutboxEntry(seq, transactionId, mutationId, collection, functionPath, args, row, rowKey, identity,
                createdAt, failures, when, error);
    }
}
