package dev.lunora.api;

import java.util.Optional;

/** Who is calling a function, as established by the server's token verifier. */
public interface Auth {
    /** The caller's user id, empty for an anonymous caller. */
    Optional<String> userId();

    /** The caller's user id; throws {@code UNAUTHENTICATED} for an anonymous caller. */
    default String requireUserId() {
        return userId().orElseThrow(() -> new LunoraException("UNAUTHENTICATED", "this function needs a signed-in user"));
    }
}
