package dev.lunora.runtime.outbox;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox's H2 file. Every method commits before it returns ({@code WRITE_DELAY=0}), so a write survives a kill of
 * the process once {@link #append} has returned. The file is locked with an OS file lock, which a killed process
 * releases. Not thread-safe: the {@link Outbox} serialises access.
 */
final class OutboxStore implements AutoCloseable {
    /** The record layout this code reads and writes; a record of another version is reported, not replayed. */
    static final int SCHEMA_VERSION = 1;

    private final Connection connection;
    private final Path dataFile;
    private long nextSeq;

    private OutboxStore(Connection connection, Path dataFile) {
        this.connection = connection;
        this.dataFile = dataFile;
    }

    /** Opens (creating if needed) the store at {@code file} (H2 appends {@code .mv.db}). */
    static OutboxStore open(Path file) throws SQLException {
        Connection connection = connect(file);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS lunora_outbox_meta (k VARCHAR(64) PRIMARY KEY, v VARCHAR(256))");
            ddl.execute("CREATE TABLE IF NOT EXISTS lunora_outbox ("
                    + "seq BIGINT PRIMARY KEY, "
                    + "schema_version INT NOT NULL, "
                    + "transaction_id VARCHAR(64) NOT NULL, "
                    + "mutation_id VARCHAR(64) NOT NULL, "
                    + "collection VARCHAR(256) NOT NULL, "
                    + "function_path VARCHAR(512) NOT NULL, "
                    + "args VARCHAR(1000000) NOT NULL, "
                    + "row_value VARCHAR(1000000) NOT NULL, "
                    + "row_key VARCHAR(256) NOT NULL, "
                    + "identity VARCHAR(128), "
                    + "created_at BIGINT NOT NULL, "
                    + "attempts INT NOT NULL, "
                    + "next_attempt_at BIGINT NOT NULL, "
                    + "last_error VARCHAR(2048), "
                    + "phase VARCHAR(16) NOT NULL, "
                    + "verdict_code VARCHAR(128), "
                    + "verdict_message VARCHAR(2048))");
            ddl.execute("MERGE INTO lunora_outbox_meta KEY (k) SELECT 'client_id', '" + UUID.randomUUID()
                    + "' WHERE NOT EXISTS (SELECT 1 FROM lunora_outbox_meta WHERE k = 'client_id')");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        OutboxStore store = new OutboxStore(connection, Path.of(file.toAbsolutePath() + ".mv.db"));
        try (Statement query = connection.createStatement();
             ResultSet max = query.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM lunora_outbox")) {
            max.next();
            store.nextSeq = max.getLong(1);
        }
        return store;
    }

    /** A new connection to the store file {@code file}: every commit is written before it returns. */
    static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0", "sa", "");
    }

    /** The id this store's writes are issued under; stable across restarts. */
    String clientId() throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT v FROM lunora_outbox_meta WHERE k = 'client_id'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Stores writes in one transaction (a group commit); returns them with their order assigned. With
     * {@code forceToDevice} the commit is followed by a synced checkpoint.
     */
    List<OutboxEntry> appendAll(List<OutboxEntry> entries, boolean forceToDevice) throws SQLException {
        List<OutboxEntry> stored = new ArrayList<>(entries.size());
        Transactions.inOne(connection, () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lunora_outbox (schema_version, "
                    + "transaction_id, mutation_id, collection, function_path, args, row_value, row_key, identity, "
                    + "created_at, attempts, next_attempt_at, last_error, phase, seq) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
                long seq = nextSeq;
                for (OutboxEntry entry : entries) {
                    insert.setInt(1, SCHEMA_VERSION);
                    insert.setString(2, entry.transactionId());
                    insert.setString(3, entry.mutationId());
                    insert.setString(4, entry.collection());
                    insert.setString(5, entry.functionPath());
                    insert.setString(6, WireJson.write(entry.args()));
                    insert.setString(7, WireJson.write(entry.row()));
                    insert.setString(8, entry.rowKey());
                    insert.setString(9, entry.identity().orElse(null));
                    insert.setLong(10, entry.createdAt());
                    insert.setInt(11, entry.attempts());
                    insert.setLong(12, entry.nextAttemptAt());
                    insert.setString(13, entry.lastError().orElse(null));
                    insert.setLong(14, seq);
                    insert.addBatch();
                    stored.add(entry.withSeq(seq++));
                }
                insert.executeBatch();
            }
        });
        nextSeq += entries.size();
        if (forceToDevice) {
            forceToDevice();
        }
        return stored;
    }

    /** Records a transient failure. */
    void retry(OutboxEntry entry) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE lunora_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?")) {
            update.setInt(1, entry.attempts());
            update.setLong(2, entry.nextAttemptAt());
            update.setString(3, entry.lastError().map(OutboxStore::clip).orElse(null));
            update.setLong(4, entry.seq());
            update.executeUpdate();
        }
    }

    /**
     * Marks writes as settled by the server ({@code ACKED} or {@code REJECTED}) in one transaction, before their local
     * effects are applied, so that a crash in between repeats only the local part.
     */
    void markSettled(List<Long> seqs, String phase) throws SQLException {
        inOneTransaction("UPDATE lunora_outbox SET phase = '" + phase + "' WHERE seq = ?", seqs);
    }

    /** Marks writes as refused by the server with {@code code} and {@code message}, in one transaction. */
    void markRejected(List<Long> seqs, String code, String message) throws SQLException {
        Transactions.inOne(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE lunora_outbox SET phase = "
                    + "'REJECTED', verdict_code = ?, verdict_message = ? WHERE seq = ?")) {
                for (long seq : seqs) {
                    statement.setString(1, clip(code, 128));
                    statement.setString(2, clip(message, 2048));
                    statement.setLong(3, seq);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** Removes settled writes in one transaction. */
    void delete(List<Long> seqs) throws SQLException {
        inOneTransaction("DELETE FROM lunora_outbox WHERE seq = ?", seqs);
    }

    private void inOneTransaction(String sql, List<Long> seqs) throws SQLException {
        Transactions.inOne(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (long seq : seqs) {
                    statement.setLong(1, seq);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** Forces the committed data file to the device (H2 writes each commit to the file but does not sync it). */
    private void forceToDevice() throws SQLException {
        try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (IOException e) {
            throw new SQLException("could not sync " + dataFile + ": " + e.getMessage(), e);
        }
    }

    /** Every stored write in order, with its phase. */
    List<StoredEntry> load() throws SQLException {
        List<StoredEntry> entries = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT seq, schema_version, transaction_id, mutation_id, collection, "
                     + "function_path, args, row_value, row_key, identity, created_at, attempts, next_attempt_at, "
                     + "last_error, phase, verdict_code, verdict_message FROM lunora_outbox ORDER BY seq")) {
            while (rows.next()) {
                OutboxEntry entry = new OutboxEntry(rows.getLong(1), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), WireJson.parse(rows.getString(7)),
                        WireJson.parse(rows.getString(8)), rows.getString(9), Optional.ofNullable(rows.getString(10)),
                        rows.getLong(11), rows.getInt(12), rows.getLong(13), Optional.ofNullable(rows.getString(14)));
                String code = rows.getString(16);
                Optional<LunoraException> verdict = code == null ? Optional.empty()
                        : Optional.of(new LunoraException(code, String.valueOf(rows.getString(17))));
                entries.add(new StoredEntry(entry, rows.getInt(2), rows.getString(15), verdict));
            }
        }
        return entries;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken store: nothing more can be persisted either way.
        }
    }

    private static String clip(String text) {
        return clip(text, 2048);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A write as loaded at start-up.
     *
     * @param entry the write
     * @param schemaVersion the layout version it was written with
     * @param phase {@code PENDING}, {@code ACKED} or {@code REJECTED}
     * @param rejection the server's refusal, for a {@code REJECTED} write
     */
    record StoredEntry(OutboxEntry entry, int schemaVersion, String phase, Optional<LunoraException> rejection) {}
}
