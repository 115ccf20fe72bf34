package dev.lunora.server.exec;

import dev.lunora.api.FunctionRef;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryCtx;
import dev.lunora.api.QueryRef;

/** A function of the app together with the body the server runs for it. */
public sealed interface BoundFunction permits BoundFunction.Query, BoundFunction.Mutation {
    /** The function's reference (path, argument and result types). */
    FunctionRef<?, ?> ref();

    /**
     * A query and its body.
     *
     * @param ref the query
     * @param body its body
     */
    record Query(QueryRef<?, ?> ref, QueryRef.Body<?, ?> body) implements BoundFunction {
        /** Runs the body; {@code args} must be an instance of the ref's argument record. */
        @SuppressWarnings("unchecked")
        Object run(QueryCtx ctx, Record args) {
            return ((QueryRef.Body<Record, Object>) body).run(ctx, args);
        }
    }

    /**
     * A mutation and its body.
     *
     * @param ref the mutation
     * @param body its body
     */
    record Mutation(MutationRef<?, ?> ref, MutationRef.Body<?, ?> body) implements BoundFunction {
        /** Runs the body; {@code args} must be an instance of the ref's argument record. */
        @SuppressWarnings("unchecked")
        Object run(MutationCtx ctx, Record args) {
            return ((MutationRef.Body<Record, Object>) body).run(ctx, args);
        }
    }
}
