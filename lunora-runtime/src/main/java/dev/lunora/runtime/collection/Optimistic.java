package dev.lunora.runtime.collection;

/**
 * Builds the optimistic row of an insert from the action's input, the client-chosen id and the local creation time.
 *
 * @param <I> the action input
 * @param <R> the row record
 */
@FunctionalInterface
public interface Optimistic<I, R> {
    /** The row to show until the server's row with the same id arrives. */
    R build(I input, String id, long creationTime);
}
