package dev.lunora.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** H2: the commit cursor is a column of the meta row; one process owns the database, so nothing is announced. */
final class H2Dialect implements Dialect {
    static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {}

    @Override
    public String columnType(ColumnKind kind) {
        return kind.sqlType();
    }

    @Override
    public String upsert(String quotedTable, List<String> keys, List<String> values) {
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(values);
        return "MERGE INTO " + quotedTable + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keys)
                + ") VALUES (" + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
    }

    @Override
    public void configureWriter(Connection writer) {
        // H2's default isolation (read committed on one writer) is all a single process needs.
    }

    @Override
    public void createMeta(Connection writer, String quotedMeta, String freshEpoch) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + quotedMeta
                    + " (id INT PRIMARY KEY, commit_cursor BIGINT NOT NULL, epoch VARCHAR NOT NULL)");
            statement.execute("MERGE INTO " + quotedMeta + " USING (VALUES 1) AS fresh(id) ON " + quotedMeta
                    + ".id = fresh.id WHEN NOT MATCHED THEN INSERT VALUES (1, 0, '" + freshEpoch + "')");
        }
    }

    @Override
    public long currentCursor(Connection writer, String quotedMeta) throws SQLException {
        try (Statement statement = writer.createStatement();
             ResultSet row = statement.executeQuery("SELECT commit_cursor FROM " + quotedMeta + " WHERE id = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public long advanceCursor(Connection writer, String quotedMeta, List<RowImage> writes, long lastTaken, long now) {
        // The only writer of the database is this process's writer connection, one transaction at a time.
        return lastTaken + 1;
    }

    @Override
    public void storeCursor(Connection writer, String quotedMeta, long lastTaken) throws SQLException {
        try (PreparedStatement update = writer.prepareStatement("UPDATE " + quotedMeta
                + " SET commit_cursor = ? WHERE id = 1")) {
            update.setLong(1, lastTaken);
            update.executeUpdate();
        }
    }

    @Override
    public boolean claim(Connection writer, String key) {
        // One process: the dispatcher's in-memory set of mutations in flight is the whole truth.
        return true;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void trimChanges(Connection writer, long notBefore) {
        // No change-log table: the live-query hub keeps its own in memory.
    }
}
