package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.server.storage.ReadRange;

import java.util.Optional;
import java.util.Set;

/**
 * One run of a live query: the table ranges it read and either its wire-encoded result or its coded failure.
 *
 * @param reads the table ranges the run read (also when it failed)
 * @param result the wire-encoded result, when the run succeeded
 * @param failure the coded failure, when it did not
 * @param perCaller whether the run read the caller's identity (in its body or a row rule), so that another caller
 *     may get another outcome from the same rows; when false, every caller gets this outcome
 */
public record QueryRun(Set<ReadRange> reads, Optional<JsonNode> result, Optional<LunoraException> failure,
                       boolean perCaller) {
    /** Copies the read set. */
    public QueryRun {
        reads = Set.copyOf(reads);
    }
}
