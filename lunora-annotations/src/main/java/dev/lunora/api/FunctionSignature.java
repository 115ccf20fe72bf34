package dev.lunora.api;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link QueryRef} and {@link MutationRef} share: the wire path, the argument and result types, and the body
 * when the app provides one. Immutable.
 *
 * @param <A> the record of the arguments
 * @param <R> the result
 * @param <B> the body's type
 */
abstract class FunctionSignature<A extends Record, R, B> {
    private final String path;
    private final Class<A> argsType;
    private final Type resultType;
    private final B body;

    FunctionSignature(String path, Class<A> argsType, Type resultType, B body) {
        this.path = Objects.requireNonNull(path, "path");
        this.argsType = Objects.requireNonNull(argsType, "argsType");
        this.resultType = Objects.requireNonNull(resultType, "resultType");
        this.body = body;
    }

    /** The wire path, {@code "<module>:<function>"}. */
    public String path() {
        return path;
    }

    /** The record class of the arguments; its components are the wire argument names. */
    public Class<A> argsType() {
        return argsType;
    }

    /** The result type, possibly generic (e.g. {@code List<Message>}). */
    public Type resultType() {
        return resultType;
    }

    /** The body, when the app provides one. */
    public Optional<B> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + path + "]";
    }
}
