package dev.lunora.api;

import java.util.Optional;

/** Options of {@link DatabaseWriter#insert}: at present, the client-chosen id of the new row. */
public final class InsertOptions {
    private static final InsertOptions NONE = new InsertOptions(null);

    private final String clientId;

    private InsertOptions(String clientId) {
        this.clientId = clientId;
    }

    /** No options: the server mints the id. */
    public static InsertOptions none() {
        return NONE;
    }

    /**
     * Use the client's id for the new row. The server accepts only a UUID-shaped id (versions 1 to 8) and rejects
     * anything else with {@code VALIDATION_ERROR}; the primary key still decides, so an id that is taken is a
     * {@code CONFLICT}.
     */
    public static InsertOptions clientId(String id) {
        return new InsertOptions(id);
    }

    /** The client id, if one was given. */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }
}
