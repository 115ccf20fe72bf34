package dev.lunora.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireJson;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The server's H2 database: the app's tables, the meta row (commit cursor and epoch), the idempotency records and
 * the per-client sequence watermarks.
 * It owns one writer connection, used only by the caller holding the mutation lock, and a small fixed set of reader
 * connections lent out by {@link #read}. Threads using it must never be interrupted (H2 closes the database).
 */
public final class Database implements AutoCloseable {
    /** A unit of SQL work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        /** Runs the work. */
        T run(Connection connection) throws SQLException;
    }

    private static final String META = TableSchema.quote("_lunora_meta");
    private static final String IDEMPOTENCY = TableSchema.quote("_lunora_idempotency");
    private static final String CLIENT_SEQ = TableSchema.quote("_lunora_client_seq");

    private final Connection writer;
    private final List<Connection> readerList;
    private final BlockingQueue<Connection> readers;
    private final Map<String, TableSchema> tables;
    private final String epoch;
    private volatile long cursor;

    private Database(Connection writer, List<Connection> readerList, Map<String, TableSchema> tables, String epoch,
                     long cursor) {
        this.writer = writer;
        this.readerList = List.copyOf(readerList);
        this.readers = new ArrayBlockingQueue<>(readerList.size(), false, readerList);
        this.tables = tables;
        this.epoch = epoch;
        this.cursor = cursor;
    }

    /**
     * Opens (creating when absent) the database at {@code jdbcUrl} with a table per schema.
     *
     * @param readerCount how many reader connections to open, at least one
     * @throws SQLException when H2 cannot open or migrate the database; nothing stays open then
     */
    public static Database open(String jdbcUrl, List<TableSchema> schemas, int readerCount) throws SQLException {
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        for (TableSchema schema : schemas) {
            if (tables.put(schema.name(), schema) != null) {
                throw new IllegalArgumentException("two tables are named " + schema.name());
            }
        }
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = DriverManager.getConnection(jdbcUrl);
            opened.add(writer);
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + META
                        + " (id INT PRIMARY KEY, commit_cursor BIGINT NOT NULL, epoch VARCHAR NOT NULL)");
                statement.execute("MERGE INTO " + META + " USING (VALUES 1) AS fresh(id) ON " + META
                        + ".id = fresh.id WHEN NOT MATCHED THEN INSERT VALUES (1, 0, '"
                        + UUID.randomUUID() + "')");
                statement.execute("CREATE TABLE IF NOT EXISTS " + IDEMPOTENCY + " (identity VARCHAR NOT NULL,"
                        + " mutation_id VARCHAR NOT NULL, result CLOB NOT NULL, commit_cursor BIGINT NOT NULL,"
                        + " created_at BIGINT NOT NULL, PRIMARY KEY (identity, mutation_id))");
                statement.execute("CREATE INDEX IF NOT EXISTS " + TableSchema.quote("_lunora_idempotency_by_age")
                        + " ON " + IDEMPOTENCY + " (created_at)");
                statement.execute("CREATE TABLE IF NOT EXISTS " + CLIENT_SEQ + " (client_key VARCHAR PRIMARY KEY,"
                        + " last_seq BIGINT NOT NULL)");
                for (TableSchema schema : tables.values()) {
                    for (String sql : schema.createStatements()) {
                        statement.execute(sql);
                    }
                }
            }
            long cursor;
            String epoch;
            try (Statement statement = writer.createStatement();
                 ResultSet meta = statement.executeQuery("SELECT commit_cursor, epoch FROM " + META
                         + " WHERE id = 1")) {
                meta.next();
                cursor = meta.getLong(1);
                epoch = meta.getString(2);
            }
            writer.commit();
            List<Connection> readerList = new ArrayList<>();
            for (int i = 0; i < Math.max(1, readerCount); i++) {
                Connection reader = DriverManager.getConnection(jdbcUrl);
                opened.add(reader);
                readerList.add(reader);
            }
            return new Database(writer, readerList, Map.copyOf(tables), epoch, cursor);
        } catch (SQLException | RuntimeException e) {
            for (Connection connection : opened) {
                SQLException closing = closeCollecting(connection, null);
                if (closing != null) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** The table with the given name. */
    public Optional<TableSchema> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The table whose record is {@code recordType}. */
    public Optional<TableSchema> table(Class<?> recordType) {
        return tables.values().stream().filter(schema -> schema.recordType() == recordType).findFirst();
    }

    /** The random id generated when this database was created; stable across restarts. */
    public String epoch() {
        return epoch;
    }

    /** The commit cursor of the last committed mutation that wrote something. Thread-safe. */
    public long cursor() {
        return cursor;
    }

    /** The writer connection (auto-commit off). Only the holder of the server's mutation lock may use it. */
    public Connection writer() {
        return writer;
    }

    /**
     * Sets the persisted commit cursor to {@code committing} inside the writer's open transaction (once per commit,
     * however many mutations it holds); call {@link #publishCursor} once the transaction has committed.
     */
    public void storeCursor(long committing) throws SQLException {
        try (PreparedStatement update = writer.prepareStatement("UPDATE " + META + " SET commit_cursor = ?"
                + " WHERE id = 1")) {
            update.setLong(1, committing);
            update.executeUpdate();
        }
    }

    /** Makes a committed cursor visible to {@link #cursor()}. */
    public void publishCursor(long committed) {
        cursor = committed;
    }

    /**
     * The stored outcome of {@code (identity, mutationId)} recorded at or after {@code notBefore} (epoch
     * milliseconds; older records count as trimmed), read on the writer connection.
     */
    public Optional<StoredResult> findIdempotent(String identity, String mutationId, long notBefore)
            throws SQLException {
        try (PreparedStatement select = writer.prepareStatement("SELECT result, commit_cursor FROM " + IDEMPOTENCY
                + " WHERE identity = ? AND mutation_id = ? AND created_at >= ?")) {
            select.setString(1, identity);
            select.setString(2, mutationId);
            select.setLong(3, notBefore);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new StoredResult(WireJson.parse(row.getString(1)), row.getLong(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Records the outcome of {@code (identity, mutationId)} in the writer's open transaction, replacing an expired
     * record of the same key.
     */
    public void recordIdempotent(String identity, String mutationId, JsonNode result, long commitCursor, long now)
            throws SQLException {
        try (PreparedStatement merge = writer.prepareStatement("MERGE INTO " + IDEMPOTENCY
                + " (identity, mutation_id, result, commit_cursor, created_at) KEY (identity, mutation_id)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            merge.setString(1, identity);
            merge.setString(2, mutationId);
            merge.setString(3, WireJson.write(result));
            merge.setLong(4, commitCursor);
            merge.setLong(5, now);
            merge.executeUpdate();
        }
    }

    /**
     * Deletes, in the writer's open transaction, the idempotency records created before {@code notBefore}.
     *
     * @return how many were deleted
     */
    public int trimIdempotent(long notBefore) throws SQLException {
        try (PreparedStatement delete = writer.prepareStatement("DELETE FROM " + IDEMPOTENCY
                + " WHERE created_at < ?")) {
            delete.setLong(1, notBefore);
            return delete.executeUpdate();
        }
    }

    /** The last applied client sequence number of {@code clientKey} (0 when none), read on the writer connection. */
    public long clientWatermark(String clientKey) throws SQLException {
        try (PreparedStatement select = writer.prepareStatement("SELECT last_seq FROM " + CLIENT_SEQ
                + " WHERE client_key = ?")) {
            select.setString(1, clientKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** Sets the watermark of {@code clientKey} in the writer's open transaction. */
    public void recordClientWatermark(String clientKey, long seq) throws SQLException {
        try (PreparedStatement merge = writer.prepareStatement("MERGE INTO " + CLIENT_SEQ
                + " (client_key, last_seq) KEY (client_key) VALUES (?, ?)")) {
            merge.setString(1, clientKey);
            merge.setLong(2, seq);
            merge.executeUpdate();
        }
    }

    /**
     * Runs {@code work} on a reader connection, blocking while all readers are lent out.
     *
     * @throws SQLException from the work
     */
    public <T> T read(SqlWork<T> work) throws SQLException {
        Connection reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a reader connection", e);
        }
        try {
            return work.run(reader);
        } finally {
            readers.add(reader);
        }
    }

    /** Closes every connection; with the last one H2 closes the database. Call once no work is running. */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (Connection connection : readerList) {
            failure = closeCollecting(connection, failure);
        }
        failure = closeCollecting(writer, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static SQLException closeCollecting(Connection connection, SQLException failure) {
        try {
            connection.close();
            return failure;
        } catch (SQLException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }
}
