package dev.lunora.api.meta;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed description of one table, extended by the generated {@code LunoraTables.<Row>Table} classes (for
 * example {@code LunoraTables.MESSAGE}). It declares the system fields {@link #_id} and {@link #_creationTime}; a
 * subclass declares each row field with {@link #field} in a field initializer, in component order. An instance is
 * immutable once constructed; the generated shared instances are safe to share between threads.
 *
 * @param <R> the table's row record
 */
public abstract class TableMeta<R extends Record> {
    /** The row's id, {@code _id}. */
    public final Field<R, Id<R>> _id;

    /** The row's creation time in epoch milliseconds, {@code _creationTime}. */
    public final Field<R, Long> _creationTime;

    private final String tableName;
    private final Class<R> rowType;
    private final Optional<String> shardBy;
    private final List<Field<R, ?>> fields = new ArrayList<>();
    private final List<Field<R, ?>> view = Collections.unmodifiableList(fields);

    /**
     * A table that is not sharded.
     *
     * @param tableName the wire name, as in {@code @Table(name = …)}
     * @param rowType the row record
     * @param id reads {@code _id}
     * @param creationTime reads {@code _creationTime}
     */
    protected TableMeta(String tableName, Class<R> rowType, Function<R, Id<R>> id, Function<R, Long> creationTime) {
        this(tableName, rowType, id, creationTime, Optional.empty());
    }

    /**
     * A table sharded by the row field {@code shardBy} ({@code @Table(shardBy = …)}), which the subclass declares.
     *
     * @param tableName the wire name, as in {@code @Table(name = …)}
     * @param rowType the row record
     * @param id reads {@code _id}
     * @param creationTime reads {@code _creationTime}
     * @param shardBy the name of the shard key field
     */
    protected TableMeta(String tableName, Class<R> rowType, Function<R, Id<R>> id, Function<R, Long> creationTime,
                        String shardBy) {
        this(tableName, rowType, id, creationTime, Optional.of(shardBy));
    }

    private TableMeta(String tableName, Class<R> rowType, Function<R, Id<R>> id, Function<R, Long> creationTime,
                      Optional<String> shardBy) {
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.rowType = Objects.requireNonNull(rowType, "rowType");
        this.shardBy = shardBy;
        this._id = field("_id", GenericType.of(Id.class, rowType), id);
        this._creationTime = field("_creationTime", long.class, creationTime);
    }

    /** The table name used on the wire, as in {@code @Table(name = …)}. */
    public final String tableName() {
        return tableName;
    }

    /** The row record class. */
    public final Class<R> rowType() {
        return rowType;
    }

    /** Every field of the row in component order, starting with {@code _id} and {@code _creationTime}. */
    public final List<Field<R, ?>> fields() {
        return view;
    }

    /** The field the table is sharded by ({@code @Table(shardBy = …)}), or empty when it is not sharded. */
    public final Optional<Field<R, ?>> shardKey() {
        return shardBy.flatMap(name -> fields.stream().filter(field -> field.name().equals(name)).findFirst());
    }

    /**
     * Declares the next row field, in component order; for the subclass's field initializers only.
     *
     * @param name the component name
     * @param type the component's declared type, as in {@link Field#type()}
     * @param getter reads the component from a row
     */
    protected final <V> Field<R, V> field(String name, Type type, Function<R, V> getter) {
        Field<R, V> field = new Field<>(name, type, getter);
        fields.add(field);
        return field;
    }
}
