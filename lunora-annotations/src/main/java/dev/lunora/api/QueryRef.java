package dev.lunora.api;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A reference to a {@code @Query} function. Immutable.
 *
 * @param <A> the record of the arguments
 * @param <R> the result
 */
public final class QueryRef<A extends Record, R> extends FunctionSignature<A, R, QueryRef.Body<A, R>>
        implements FunctionRef<A, R> {
    /** The body of a query, run by the server. */
    @FunctionalInterface
    public interface Body<A, R> {
        /** Runs the query. */
        R run(QueryCtx ctx, A args);
    }

    private QueryRef(String path, Class<A> argsType, Type resultType, Body<A, R> body) {
        super(path, argsType, resultType, body);
    }

    /** A query whose body is visible to the app (a static interface method). */
    public static <A extends Record, R> QueryRef<A, R> of(String path, Class<A> argsType, Type resultType,
                                                           Body<A, R> body) {
        return new QueryRef<>(path, argsType, resultType, Objects.requireNonNull(body, "body"));
    }

    /** A query declared here and implemented elsewhere: the server must be given its body. */
    public static <A extends Record, R> QueryRef<A, R> declared(String path, Class<A> argsType, Type resultType) {
        return new QueryRef<>(path, argsType, resultType, null);
    }
}
