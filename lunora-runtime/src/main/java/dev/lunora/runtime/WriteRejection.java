package dev.lunora.runtime;

import dev.lunora.api.LunoraException;

/**
 * The server refused a write for good; its optimistic row is rolled back.
 *
 * @param collection the collection the write was made in
 * @param row the optimistic row that was shown (a {@link Record} of the collection's row type)
 * @param error the server's error
 * @param code the error's code, e.g. {@code CONFLICT}, or {@code UNKNOWN_MUTATION_FN} for a write replayed after a
 *     restart whose collection or mutation no longer exists
 */
public record WriteRejection(String collection, Object row, LunoraException error, String code) {}
