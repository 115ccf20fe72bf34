package dev.lunora.server;

import java.util.Optional;

/** Checks a caller's token (RPC {@code authorization: Bearer}, WebSocket {@code ?token=}). Must be thread-safe. */
@FunctionalInterface
public interface TokenVerifier {
    /**
     * The user id the token proves, or empty when the token is refused (the call then fails with
     * {@code UNAUTHENTICATED}, the socket closes with {@code 4001}).
     */
    Optional<String> verify(String token);

    /** For development and tests: any non-blank token is taken as the user id itself. */
    static TokenVerifier devTokens() {
        return token -> Optional.of(token).filter(value -> !value.isBlank());
    }
}
