package dev.lunora.api;

import java.util.Optional;

/** Reads tables inside a query or mutation; every table read is recorded so that the query stays live. */
public interface DatabaseReader {
    /** The row with the given id. */
    <T extends Record> Optional<T> get(Class<T> table, Id<T> id);

    /** A query over the table whose record is {@code table}. */
    <T extends Record> TableQuery<T> query(Class<T> table);
}
