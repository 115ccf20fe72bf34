package dev.lunora.api;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A reference to a {@code @Mutation} function. Immutable.
 *
 * @param <A> the record of the arguments
 * @param <R> the result
 */
public final class MutationRef<A extends Record, R> extends FunctionSignature<A, R, MutationRef.Body<A, R>>
        implements FunctionRef<A, R> {
    /** The body of a mutation, run by the server inside one transaction. */
    @FunctionalInterface
    public interface Body<A, R> {
        /** Runs the mutation. */
        R run(MutationCtx ctx, A args);
    }

    private MutationRef(String path, Class<A> argsType, Type resultType, Body<A, R> body) {
        super(path, argsType, resultType, body);
    }

    /** A mutation whose body is visible to the app (a static interface method). */
    public static <A extends Record, R> MutationRef<A, R> of(String path, Class<A> argsType, Type resultType,
                                                              Body<A, R> body) {
        return new MutationRef<>(path, argsType, resultType, Objects.requireNonNull(body, "body"));
    }

    /** A mutation declared here and implemented elsewhere: the server must be given its body. */
    public static <A extends Record, R> MutationRef<A, R> declared(String path, Class<A> argsType, Type resultType) {
        return new MutationRef<>(path, argsType, resultType, null);
    }
}
