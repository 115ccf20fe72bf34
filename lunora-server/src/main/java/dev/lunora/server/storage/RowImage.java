package dev.lunora.server.storage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a table as stored at a point of a transaction, in the JDBC value space of {@link Filter}: {@code _id}
 * and every user column (SQL NULL as a null value). Used to decide which read ranges a write touches. Immutable.
 *
 * @param table the table name
 * @param values field name to JDBC value ({@link String}, {@link Long}, {@link Double}, {@link Boolean} or null)
 */
public record RowImage(String table, Map<String, Object> values) {
    /** Copies the values (nulls allowed). */
    public RowImage {
        values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** The value of {@code field}; empty when SQL NULL or not a field of the table. */
    public Optional<Object> value(String field) {
        return Optional.ofNullable(values.get(field));
    }
}
