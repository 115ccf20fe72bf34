package dev.lunora.server.exec;

import dev.lunora.api.Auth;

import java.util.Optional;

/**
 * The caller of one function, as the token verifier established it.
 *
 * @param userId the user id, empty for an anonymous caller
 */
record CallerAuth(Optional<String> userId) implements Auth {}
