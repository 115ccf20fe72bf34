package dev.lunora.api;

import java.util.Map;

/** Reads and writes tables inside a mutation; all writes of one call commit together or not at all. */
public interface DatabaseWriter extends DatabaseReader {
    /**
     * Inserts a row and returns its id. {@code doc} holds the row's fields except {@code _id} and
     * {@code _creationTime}; an unknown field or a value of the wrong type is a {@code VALIDATION_ERROR}.
     */
    <T> Id<T> insert(String table, Map<String, ?> doc, InsertOptions options);

    /** Inserts a row with a server-minted id. */
    default <T> Id<T> insert(String table, Map<String, ?> doc) {
        return insert(table, doc, InsertOptions.none());
    }

    /** Sets the given fields of an existing row; {@code NOT_FOUND} if there is none. */
    void patch(String table, Id<?> id, Map<String, ?> fields);

    /** Deletes a row; {@code NOT_FOUND} if there is none. */
    void delete(String table, Id<?> id);
}
