package dev.lunora.api;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a {@code @Query} function.
 *
 * @param <A> the record of the arguments
 * @param <R> the result
 */
public final class QueryRef<A extends Record, R> implements FunctionRef<A, R> {
    /** The body of a query, run by the server. */
    @FunctionalInterface
    public interface Body<A, R> {
        /** Runs the query. */
        R run(QueryCtx ctx, A args);
    }

    private final String path;
    private final Class<A> argsType;
    private final Type resultType;
    private final Body<A, R> body;

    private QueryRef(String path, Class<A> argsType, Type resultType, Body<A, R> body) {
        this.path = Objects.requireNonNull(path, "path");
        this.argsType = Objects.requireNonNull(argsType, "argsType");
        this.resultType = Objects.requireNonNull(resultType, "resultType");
        this.body = body;
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

    @Override
    public String path() {
        return path;
    }

    @Override
    public Class<A> argsType() {
        return argsType;
    }

    @Override
    public Type resultType() {
        return resultType;
    }

    /** The body, when the app provides one. */
    public Optional<Body<A, R>> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public String toString() {
        return "QueryRef[" + path + "]";
    }
}
