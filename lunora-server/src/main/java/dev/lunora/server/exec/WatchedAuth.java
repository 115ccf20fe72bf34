package dev.lunora.server.exec;

import dev.lunora.api.Auth;

import java.util.Optional;

/**
 * The caller of one query run, noting whether anything (the body or a row rule) asked who the caller is: a run that
 * never asked would have given every caller the same result. Confined to the thread running the query.
 */
final class WatchedAuth implements Auth {
    private final Optional<String> userId;
    private boolean consulted;

    WatchedAuth(Optional<String> userId) {
        this.userId = userId;
    }

    @Override
    public Optional<String> userId() {
        consulted = true;
        return userId;
    }

    /** Whether the caller's identity was read during the run. */
    boolean consulted() {
        return consulted;
    }
}
