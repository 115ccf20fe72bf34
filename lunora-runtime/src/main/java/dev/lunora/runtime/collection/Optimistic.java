package dev.lunora.runtime.collection;

/**
 * Builds the optimistic row of an insert from the client-chosen id and the local creation time; the action's own
 * values are the implementation's (usually a lambda capturing them).
 *
 * @param <R> the row record
 */
@FunctionalInterface
public interface Optimistic<R> {
    /** The row to show until the server's row with the same id arrives. */
    R build(String id, long creationTime);
}
