package dev.lunora.api;

import java.util.List;
import java.util.Optional;

/**
 * A read of one table inside a function: equality filters, an order on {@code _creationTime}, a limit.
 * Builders return a new query; nothing runs until {@link #collect()} or {@link #first()}.
 *
 * @param <T> the table record
 */
public interface TableQuery<T extends Record> {
    /** Keeps the rows whose {@code field} equals {@code value}. */
    TableQuery<T> where(String field, Object value);

    /** Orders by {@code _creationTime}, newest first. The default order is oldest first. */
    TableQuery<T> newestFirst();

    /** Keeps at most {@code limit} rows. */
    TableQuery<T> limit(int limit);

    /** Runs the query. */
    List<T> collect();

    /** Runs the query and returns its first row. */
    default Optional<T> first() {
        return limit(1).collect().stream().findFirst();
    }
}
