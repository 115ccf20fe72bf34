package dev.lunora.server.exec;

import dev.lunora.api.LunoraException;

import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the token a request carries into the caller's user id. Thread-safe when the verifier is.
 */
public final class Authenticator {
    private final Optional<Function<String, Optional<String>>> verifier;

    /**
     * An authenticator over {@code verifier} (token to user id, empty when refused); without a verifier every
     * caller is anonymous and tokens are ignored.
     */
    public Authenticator(Optional<Function<String, Optional<String>>> verifier) {
        this.verifier = verifier;
    }

    /**
     * The user id for {@code token}; empty for a request without a token or when no verifier is set.
     *
     * @throws LunoraException {@code UNAUTHENTICATED} when the verifier refuses the token
     */
    public Optional<String> userFor(Optional<String> token) {
        if (token.isEmpty() || verifier.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> user = verifier.get().apply(token.get());
        if (user.isEmpty()) {
            throw new LunoraException("UNAUTHENTICATED", "the token was refused");
        }
        return user;
    }
}
