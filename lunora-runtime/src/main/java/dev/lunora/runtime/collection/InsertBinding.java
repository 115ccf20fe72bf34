package dev.lunora.runtime.collection;

import dev.lunora.api.MutationRef;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a collection's action writes: the mutation to call and the mapping from the optimistic row to the mutation's
 * arguments.
 *
 * @param mutation the mutation that inserts into the table
 * @param toArgs maps the row to the mutation's arguments
 * @param <R> the row record
 * @param <A> the mutation's argument record
 */
public record InsertBinding<R extends Record, A extends Record>(MutationRef<A, ?> mutation, Function<R, A> toArgs) {
    /** Rejects null parts. */
    public InsertBinding {
        Objects.requireNonNull(mutation, "mutation");
        Objects.requireNonNull(toArgs, "toArgs");
    }
}
