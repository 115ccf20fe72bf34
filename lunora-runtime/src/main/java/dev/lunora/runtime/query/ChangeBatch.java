package dev.lunora.runtime.query;

import java.util.List;

/**
 * The changes of one atomic step (one sync frame, one overlay write, one {@link MemoryTable} call), at most one per
 * key, in no particular order. Immutable.
 *
 * @param changes the row changes
 * @param <R> the row type
 */
public record ChangeBatch<R>(List<Change<R>> changes) {
    /** Copies {@code changes}. */
    public ChangeBatch {
        changes = List.copyOf(changes);
    }

    /** Whether the batch changes nothing. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
