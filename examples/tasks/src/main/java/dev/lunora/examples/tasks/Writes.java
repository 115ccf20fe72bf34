package dev.lunora.examples.tasks;

import dev.lunora.annotations.Nullable;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraException;

/** Checks and options shared by the mutations. Stateless and thread-safe. */
final class Writes {
    private Writes() {
    }

    /** The client's id for the new row when one was sent, else a server-minted id. */
    static InsertOptions options(@Nullable String id) {
        return id == null ? InsertOptions.none() : InsertOptions.clientId(id);
    }

    /** {@code value}, or a {@code VALIDATION_ERROR} naming {@code field} when it is blank. */
    static String requireText(String field, String value) {
        if (value.isBlank()) {
            throw new LunoraException("VALIDATION_ERROR", field + " cannot be blank");
        }
        return value;
    }
}
