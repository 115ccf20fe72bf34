package dev.lunora.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.api.LunoraException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SQL for rows of one table on a given connection. Rows come back as plain JSON objects holding {@code _id},
 * {@code _creationTime} and every non-null field. Stateless; the connection's owner decides the transaction.
 */
public final class Rows {
    private static final String DUPLICATE_KEY = "23505";

    private final TableSchema table;
    private final String quotedTable;

    /** Rows of {@code table}. */
    public Rows(TableSchema table) {
        this.table = table;
        this.quotedTable = TableSchema.quote(table.name());
    }

    /**
     * Inserts a row whose values came from {@link TableSchema#toSqlValues}.
     *
     * @throws LunoraException {@code CONFLICT} when {@code id} is taken (the row that holds it is left unchanged)
     */
    public void insert(Connection connection, String id, long creationTime, Map<String, Object> values)
            throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (")
                .append(TableSchema.quote(TableSchema.ID)).append(", ")
                .append(TableSchema.quote(TableSchema.CREATION_TIME));
        values.keySet().forEach(field -> sql.append(", ").append(TableSchema.quote(field)));
        sql.append(") VALUES (?, ?").append(", ?".repeat(values.size())).append(')');
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            insert.setString(1, id);
            insert.setLong(2, creationTime);
            bind(insert, 3, values.values());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                throw new LunoraException("CONFLICT", "a row with id " + id + " already exists in " + table.name());
            }
            throw e;
        }
    }

    /**
     * The image of row {@code id}: its {@code _id}, {@code _creationTime} and every column of {@code columns}; for a
     * row {@link #insert} just stored with these values, what {@link #image} would read back, without reading it.
     */
    public RowImage imageOf(String id, long creationTime, Map<String, Object> columns) {
        Map<String, Object> image = new HashMap<>();
        image.put(TableSchema.ID, id);
        image.put(TableSchema.CREATION_TIME, creationTime);
        for (Column column : table.columns()) {
            image.put(column.name(), columns.get(column.name()));
        }
        return new RowImage(table.name(), image);
    }

    /** The row with the given id. */
    public Optional<JsonNode> get(Connection connection, String id) throws SQLException {
        List<JsonNode> rows = select(connection, List.of(new Filter(TableSchema.ID, id)), false, OptionalInt.of(1));
        return rows.stream().findFirst();
    }

    /** The stored image of the row with the given id, for deciding which read ranges a write touches. */
    public Optional<RowImage> image(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + quotedTable + " WHERE "
                + TableSchema.quote(TableSchema.ID) + " = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Map<String, Object> columns = new HashMap<>();
                for (Column column : table.columns()) {
                    columns.put(column.name(), column.readSql(rows));
                }
                return Optional.of(imageOf(rows.getString(TableSchema.ID),
                        rows.getLong(TableSchema.CREATION_TIME), columns));
            }
        }
    }

    /** The rows matching every filter, ordered by creation time (then id), at most {@code limit} of them. */
    public List<JsonNode> select(Connection connection, List<Filter> filters, boolean newestFirst,
                                 OptionalInt limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quotedTable);
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Filter filter = filters.get(i);
            sql.append(i == 0 ? " WHERE " : " AND ").append(TableSchema.quote(filter.field()));
            if (filter.value() == null) {
                sql.append(" IS NULL");
            } else {
                sql.append(" = ?");
                parameters.add(filter.value());
            }
        }
        String direction = newestFirst ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(TableSchema.quote(TableSchema.CREATION_TIME)).append(direction)
                .append(", ").append(TableSchema.quote(TableSchema.ID)).append(direction);
        limit.ifPresent(n -> sql.append(" LIMIT ").append(Math.max(0, n)));
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            bind(select, 1, parameters);
            try (ResultSet rows = select.executeQuery()) {
                List<JsonNode> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(readRow(rows));
                }
                return result;
            }
        }
    }

    /**
     * Sets the given column values of a row.
     *
     * @throws LunoraException {@code NOT_FOUND} when there is no such row
     */
    public void patch(Connection connection, String id, Map<String, Object> values) throws SQLException {
        if (values.isEmpty()) {
            requireRow(get(connection, id).isPresent(), id);
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(quotedTable).append(" SET ");
        values.keySet().forEach(field -> sql.append(TableSchema.quote(field)).append(" = ?, "));
        sql.setLength(sql.length() - 2);
        sql.append(" WHERE ").append(TableSchema.quote(TableSchema.ID)).append(" = ?");
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            int next = bind(update, 1, values.values());
            update.setString(next, id);
            requireRow(update.executeUpdate() == 1, id);
        }
    }

    /**
     * Deletes a row.
     *
     * @throws LunoraException {@code NOT_FOUND} when there is no such row
     */
    public void delete(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + quotedTable + " WHERE "
                + TableSchema.quote(TableSchema.ID) + " = ?")) {
            delete.setString(1, id);
            requireRow(delete.executeUpdate() == 1, id);
        }
    }

    private void requireRow(boolean present, String id) {
        if (!present) {
            throw new LunoraException("NOT_FOUND", "no row with id " + id + " in " + table.name());
        }
    }

    private JsonNode readRow(ResultSet rows) throws SQLException {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put(TableSchema.ID, rows.getString(TableSchema.ID));
        row.put(TableSchema.CREATION_TIME, rows.getLong(TableSchema.CREATION_TIME));
        for (Column column : table.columns()) {
            JsonNode value = column.readJson(rows);
            if (value != null) {
                row.set(column.name(), value);
            }
        }
        return row;
    }

    private static int bind(PreparedStatement statement, int first, Iterable<Object> values) throws SQLException {
        int index = first;
        for (Object value : values) {
            statement.setObject(index++, value);
        }
        return index;
    }
}
