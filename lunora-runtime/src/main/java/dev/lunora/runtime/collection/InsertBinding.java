package dev.lunora.runtime.collection;

import dev.lunora.api.MutationRef;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a collection's action writes: the mutation to call, the optimistic row builder and the mapping from the row to
 * the mutation's arguments.
 *
 * @param mutation the mutation that inserts into the table
 * @param optimistic builds the optimistic row
 * @param toArgs maps the row to the mutation's arguments
 * @param <I> the action input
 * @param <R> the row record
 * @param <A> the mutation's argument record
 */
public record InsertBinding<I, R extends Record, A extends Record>(
        MutationRef<A, ?> mutation, Optimistic<I, R> optimistic, Function<R, A> toArgs) {
    /** Rejects null parts. */
    public InsertBinding {
        Objects.requireNonNull(mutation, "mutation");
        Objects.requireNonNull(optimistic, "optimistic");
        Objects.requireNonNull(toArgs, "toArgs");
    }
}
