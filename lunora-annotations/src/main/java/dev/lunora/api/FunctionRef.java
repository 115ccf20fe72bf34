package dev.lunora.api;

import java.lang.reflect.Type;

/**
 * A typed reference to a backend function, generated into the app's {@code Api} class. The client calls it by
 * {@link #path()}; the server runs its body.
 *
 * @param <A> the record of the function's arguments
 * @param <R> the function's result
 */
public sealed interface FunctionRef<A extends Record, R> permits QueryRef, MutationRef {
    /** The wire path, {@code "<module>:<function>"}. */
    String path();

    /** The record class of the arguments; its components are the wire argument names. */
    Class<A> argsType();

    /** The result type, possibly generic (e.g. {@code List<Message>}). */
    Type resultType();
}
