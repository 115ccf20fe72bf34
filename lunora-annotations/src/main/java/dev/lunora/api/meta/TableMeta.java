package dev.lunora.api.meta;

import java.util.List;
import java.util.Optional;

/**
 * The typed description of one table, implemented by the generated {@code LunoraTables.<Row>Table} classes (for
 * example {@code LunoraTables.MESSAGE}). Implementations are immutable singletons, safe to share between threads.
 *
 * @param <R> the table's row record
 */
public interface TableMeta<R extends Record> {
    /** The table name used on the wire, as in {@code @Table(name = …)}. */
    String tableName();

    /** The row record class. */
    Class<R> rowType();

    /** Every field of the row in component order, starting with {@code _id} and {@code _creationTime}. */
    List<Field<R, ?>> fields();

    /** The field the table is sharded by ({@code @Table(shardBy = …)}), or empty when it is not sharded. */
    Optional<Field<R, ?>> shardKey();
}
