package dev.lunora.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/** H2: the commit cursor is a column of the meta row; one process owns the database, so nothing is announced. */
final class H2Dialect implements Dialect {
    static final H2Dialect INSTANCE = new H2Dialect();
    /** Chunks less full than this are rewritten by {@link #reclaimSpace}. */
    private static final int COMPACT_BELOW_FILL_PERCENT = 80;
    /** How much one {@link #reclaimSpace} rewrites at least (and about at most). */
    private static final int COMPACT_WRITE_BYTES = 1 << 20;

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
    public long currentCursor(Connection connection, String quotedMeta) throws SQLException {
        try (Statement statement = connection.createStatement();
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
    public void reclaimSpace(Connection writer) throws SQLException {
        // With WRITE_DELAY=0 H2 runs no background housekeeping, and a chunk is freed only once every page in it is
        // superseded: the file would grow by every commit until closed. Rewriting the live pages of the emptiest
        // chunks (what the housekeeping would do) lets their space be reused once H2's retention time has passed.
        MVStore store = ((SessionLocal) writer.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                .getMvStore();
        if (store.getFileStore() != null) {
            store.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES);
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
