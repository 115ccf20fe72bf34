package dev.lunora.server.storage;

import dev.lunora.annotations.Nullable;
import dev.lunora.annotations.Table;
import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL shape of one {@code @Table} record: its name, optional shard field and user columns.
 *
 * @param name the table name from {@code @Table(name)}
 * @param shardBy the shard field from {@code @Table(shardBy)}, when set
 * @param recordType the table record
 * @param columns the user columns, in component order
 */
public record TableSchema(String name, Optional<String> shardBy, Class<? extends Record> recordType,
                          List<Column> columns) {
    /** The primary-key column of every table. */
    public static final String ID = "_id";
    /** The server-set creation time column of every table (epoch milliseconds). */
    public static final String CREATION_TIME = "_creationTime";

    /** Copies the column list. */
    public TableSchema {
        columns = List.copyOf(columns);
    }

    /**
     * Reads the schema of a {@code @Table} record by reflection.
     *
     * @throws IllegalArgumentException when the record is not annotated {@code @Table} or its shard field is unknown
     */
    public static TableSchema of(Class<? extends Record> recordType) {
        Table table = recordType.getAnnotation(Table.class);
        if (table == null) {
            throw new IllegalArgumentException(recordType.getName() + " is not annotated @Table");
        }
        List<Column> columns = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            String name = component.getName();
            if (name.equals(ID) || name.equals(CREATION_TIME)) {
                continue;
            }
            boolean nullable = component.isAnnotationPresent(Nullable.class) && !component.getType().isPrimitive();
            columns.add(new Column(name, component.getGenericType(), ColumnKind.of(component.getGenericType()),
                    nullable));
        }
        Optional<String> shardBy = Optional.of(table.shardBy()).filter(field -> !field.isEmpty());
        TableSchema schema = new TableSchema(table.name(), shardBy, recordType, columns);
        shardBy.ifPresent(field -> schema.column(field).orElseThrow(() -> new IllegalArgumentException(
                recordType.getName() + " shards by unknown field " + field)));
        return schema;
    }

    /** The user column with the given name. */
    public Optional<Column> column(String field) {
        return columns.stream().filter(column -> column.name().equals(field)).findFirst();
    }

    /**
     * Validates and converts the fields given to {@code insert} ({@code complete}) or {@code patch} to JDBC values,
     * in column order. An {@code Optional} value is unwrapped; an empty one or null means SQL NULL.
     *
     * @throws LunoraException {@code VALIDATION_ERROR} for a system or unknown field, a value of the wrong type, a
     *     null for a non-nullable field, or (when {@code complete}) a missing non-nullable field
     */
    public Map<String, Object> toSqlValues(Map<String, ?> fields, boolean complete) {
        for (String field : fields.keySet()) {
            if (field.equals(ID) || field.equals(CREATION_TIME)) {
                throw new LunoraException("VALIDATION_ERROR", "field '" + field + "' is set by the server");
            }
            if (column(field).isEmpty()) {
                throw new LunoraException("VALIDATION_ERROR", "table " + name + " has no field '" + field + "'");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : columns) {
            if (!fields.containsKey(column.name()) && !complete) {
                continue;
            }
            Object value = unwrap(fields.get(column.name()));
            if (value == null && !column.nullable()) {
                throw new LunoraException("VALIDATION_ERROR", "field '" + column.name() + "' of table " + name
                        + " is required");
            }
            values.put(column.name(), value == null ? null : column.toSql(value));
        }
        return values;
    }

    /**
     * The JDBC value to compare {@code field} with in a {@code where} filter; null means {@code IS NULL}.
     *
     * @throws LunoraException {@code VALIDATION_ERROR} for an unknown field or a value of the wrong type
     */
    public Object toSqlFilter(String field, Object value) {
        Object plain = unwrap(value);
        if (plain == null) {
            return null;
        }
        if (field.equals(ID)) {
            return new Column(ID, Id.class, ColumnKind.TEXT, false).toSql(plain);
        }
        if (field.equals(CREATION_TIME)) {
            return new Column(CREATION_TIME, long.class, ColumnKind.INTEGER, false).toSql(plain);
        }
        return column(field)
                .orElseThrow(() -> new LunoraException("VALIDATION_ERROR", "table " + name + " has no field '"
                        + field + "'"))
                .toSql(plain);
    }

    private static Object unwrap(Object value) {
        return value instanceof Optional<?> optional ? optional.orElse(null) : value;
    }

    /** The statements that create the table and its indexes when absent, in {@code dialect}'s SQL. */
    List<String> createStatements(Dialect dialect) {
        StringBuilder create = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(name)).append(" (")
                .append(quote(ID)).append(" VARCHAR PRIMARY KEY, ")
                .append(quote(CREATION_TIME)).append(" BIGINT NOT NULL");
        for (Column column : columns) {
            create.append(", ").append(quote(column.name())).append(' ').append(dialect.columnType(column.kind()));
        }
        List<String> statements = new ArrayList<>();
        statements.add(create.append(')').toString());
        statements.add(index(CREATION_TIME));
        shardBy.ifPresent(field -> statements.add(index(field)));
        return statements;
    }

    private String index(String field) {
        return "CREATE INDEX IF NOT EXISTS " + quote(name + "_by_" + field) + " ON " + quote(name) + " ("
                + quote(field) + ")";
    }

    /** A quoted (case-sensitive) SQL identifier. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
