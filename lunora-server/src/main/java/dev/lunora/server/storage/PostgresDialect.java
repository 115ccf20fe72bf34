package dev.lunora.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL shared by several server processes. Commit cursors come from the sequence {@code _lunora_cursor},
 * taken under the transaction-scoped advisory lock {@link #COMMIT_LOCK}: a transaction holds it from its first cursor
 * to its commit, so cursors become visible in increasing order, database-wide. Each commit appends its row images to
 * {@code _lunora_changes} and sends {@code NOTIFY} on {@link #CHANNEL}; every process tails that table
 * ({@link ChangeFeed}). Mutation ids in flight are claimed with transaction-scoped advisory locks in a second key
 * space. The writer runs {@code SERIALIZABLE}; once it holds the commit lock, its lock waits time out after 20 ms.
 */
final class PostgresDialect implements Dialect {
    static final PostgresDialect INSTANCE = new PostgresDialect();
    /** The {@code LISTEN}/{@code NOTIFY} channel announcing commits; the payload is the cursor. */
    static final String CHANNEL = "lunora_commits";
    /** The quoted change-log table: commit cursor, the commit's row images as JSON, time recorded. */
    static final String CHANGES = TableSchema.quote("_lunora_changes");
    /** Advisory lock key (two-int form: class, object) held from a transaction's first cursor to its end. */
    private static final String COMMIT_LOCK = "pg_advisory_xact_lock(1819635314, 1)";
    /** Advisory lock class of mutation-id claims; the object is a hash of the key. */
    private static final int CLAIM_CLASS = 1819635315;
    private static final String SEQUENCE = TableSchema.quote("_lunora_cursor");
    /** The lock wait allowed to a transaction holding the commit lock. */
    private static final String LOCK_TIMEOUT = "20ms";

    private PostgresDialect() {}

    @Override
    public String columnType(ColumnKind kind) {
        return kind == ColumnKind.JSON ? "TEXT" : kind.sqlType();
    }

    @Override
    public String upsert(String quotedTable, List<String> keys, List<String> values) {
        return "INSERT INTO " + quotedTable + " (" + String.join(", ", keys) + ", " + String.join(", ", values)
                + ") VALUES (" + "?, ".repeat(keys.size() + values.size() - 1) + "?) ON CONFLICT ("
                + String.join(", ", keys) + ") DO UPDATE SET "
                + values.stream().map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
    }

    @Override
    public void configureWriter(Connection writer) throws SQLException {
        writer.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    }

    @Override
    public void createMeta(Connection writer, String quotedMeta, String freshEpoch) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            // Concurrent CREATE ... IF NOT EXISTS can still collide in PostgreSQL's catalog: take the commit lock.
            statement.execute("SELECT " + COMMIT_LOCK);
            statement.execute("CREATE TABLE IF NOT EXISTS " + quotedMeta
                    + " (id INT PRIMARY KEY, epoch VARCHAR NOT NULL)");
            statement.execute("INSERT INTO " + quotedMeta + " VALUES (1, '" + freshEpoch
                    + "') ON CONFLICT (id) DO NOTHING");
            statement.execute("CREATE SEQUENCE IF NOT EXISTS " + SEQUENCE + " MINVALUE 1");
            statement.execute("CREATE TABLE IF NOT EXISTS " + CHANGES + " (commit_cursor BIGINT PRIMARY KEY,"
                    + " writes TEXT NOT NULL, created_at BIGINT NOT NULL)");
        }
    }

    @Override
    public long currentCursor(Connection connection, String quotedMeta) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "
                     + SEQUENCE)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public long advanceCursor(Connection writer, String quotedMeta, List<RowImage> writes, long lastTaken, long now)
            throws SQLException {
        long cursor;
        try (Statement statement = writer.createStatement()) {
            // Holding the commit lock, a wait for a row another writer holds can only end in a deadlock (that writer
            // needs the commit lock to finish): give up on such waits at once, and the transaction is retried.
            statement.execute("SELECT " + COMMIT_LOCK + ", set_config('lock_timeout', '" + LOCK_TIMEOUT
                    + "', true)");
            try (ResultSet row = statement.executeQuery("SELECT nextval('" + SEQUENCE.replace("'", "''") + "')")) {
                row.next();
                cursor = row.getLong(1);
            }
        }
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO " + CHANGES
                + " (commit_cursor, writes, created_at) VALUES (?, ?, ?)");
             PreparedStatement notify = writer.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            insert.setLong(1, cursor);
            insert.setString(2, ChangeCodec.encode(writes));
            insert.setLong(3, now);
            insert.executeUpdate();
            notify.setString(1, Long.toString(cursor));
            notify.execute();
        }
        return cursor;
    }

    @Override
    public void storeCursor(Connection writer, String quotedMeta, long lastTaken) {
        // The sequence already holds it: nextval is not transactional.
    }

    @Override
    public void reclaimSpace(Connection writer) {
        // PostgreSQL's autovacuum reclaims the space of dead rows.
    }

    @Override
    public boolean claim(Connection writer, String key) throws SQLException {
        try (PreparedStatement lock = writer.prepareStatement("SELECT pg_try_advisory_xact_lock(" + CLAIM_CLASS
                + ", hashtext(?))")) {
            lock.setString(1, key);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void trimChanges(Connection writer, long notBefore) throws SQLException {
        try (PreparedStatement delete = writer.prepareStatement("DELETE FROM " + CHANGES + " WHERE created_at < ?")) {
            delete.setLong(1, notBefore);
            delete.executeUpdate();
        }
    }
}
