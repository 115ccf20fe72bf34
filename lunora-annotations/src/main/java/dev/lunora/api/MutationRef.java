package dev.lunora.api;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a {@code @Mutation} function.
 *
 * @param <A> the record of the arguments
 * @param <R> the result
 */
public final class MutationRef<A extends Record, R> implements FunctionRef<A, R> {
    /** The body of a mutation, run by the server inside one transaction. */
    @FunctionalInterface
    public interface Body<A, R> {
        /** Runs the mutation. */
        R run(MutationCtx ctx, A args);
    }

    private final String path;
    private final Class<A> argsType;
    private final Type resultType;
    private final Body<A, R> body;

    private MutationRef(String path, Class<A> argsType, Type resultType, Body<A, R> body) {
        this.path = Objects.requireNonNull(path, "path");
        this.argsType = Objects.requireNonNull(argsType, "argsType");
        this.resultType = Objects.requireNonNull(resultType, "resultType");
        this.body = body;
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
        return "MutationRef[" + path + "]";
    }
}
