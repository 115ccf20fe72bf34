package dev.lunora.runtime.outbox;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox's H2 file, which several processes may share. Every method commits before it returns. New writes reach
 * it from each process's {@link OutboxJournal} in batches ({@link #appendAll}), or from a dead process's journal
 * ({@link #replay}). Each write records the process that made it
 * (its owner), so that its verdict is applied by that process, or by whoever adopts its writes after it died. Appends
 * and seq blocks have a connection of their own, so moving a batch never waits for the drainer's updates; that
 * connection is used by one caller at a time (a seq block is taken from it only once per {@value #SEQ_BLOCK} seqs, so
 * numbering a group rarely waits for a move). Otherwise not thread-safe: the {@link Outbox} calls {@link #nextSeqs}
 * from one committer at a time and serialises the other calls.
 */
final class OutboxStore implements AutoCloseable {
    /** The record layout this code reads and writes; a record of another version is reported, not replayed. */
    static final int SCHEMA_VERSION = 1;

    private static final String ENTRY_COLUMNS = "seq, schema_version, transaction_id, mutation_id, collection, "
            + "function_path, args, row_value, row_key, identity, created_at, attempts, next_attempt_at, last_error, "
            + "phase, verdict_code, verdict_message, owner, verdict_cursor";

    /** How many seqs a process takes from the shared sequence at a time (its writes are numbered from its block). */
    private static final int SEQ_BLOCK = 1_000;

    private final StoreConnection appends;
    private final StoreConnection updates;
    private final Path dataFile;
    private long nextSeq;
    private long blockEnd = -1;

    private OutboxStore(StoreConnection appends, StoreConnection updates, Path dataFile) {
        this.appends = appends;
        this.updates = updates;
        this.dataFile = dataFile;
    }

    /** Opens (creating or upgrading if needed) the store at {@code file} (H2 appends {@code .mv.db}). */
    static OutboxStore open(Path file) throws SQLException {
        StoreConnection appends = StoreConnection.open(file);
        StoreConnection updates = null;
        try (Statement ddl = appends.connection().createStatement()) {
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
            ddl.execute("ALTER TABLE lunora_outbox ADD COLUMN IF NOT EXISTS owner VARCHAR(64)");
            ddl.execute("ALTER TABLE lunora_outbox ADD COLUMN IF NOT EXISTS verdict_cursor BIGINT");
            ddl.execute("MERGE INTO lunora_outbox_meta KEY (k) SELECT 'client_id', '" + UUID.randomUUID()
                    + "' WHERE NOT EXISTS (SELECT 1 FROM lunora_outbox_meta WHERE k = 'client_id')");
            long next;
            try (ResultSet max = ddl.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM lunora_outbox")) {
                max.next();
                next = max.getLong(1);
            }
            ddl.execute("CREATE SEQUENCE IF NOT EXISTS lunora_outbox_seq START WITH " + next + " INCREMENT BY "
                    + SEQ_BLOCK);
            updates = StoreConnection.open(file);
        } catch (SQLException e) {
            appends.close();
            throw e;
        }
        return new OutboxStore(appends, updates, Path.of(file.toAbsolutePath() + ".mv.db"));
    }

    /** The id this store's writes are issued under; stable across restarts, the same for every process. */
    String clientId() throws SQLException {
        return updates.call(rerun -> {
            try (Statement query = updates.connection().createStatement();
                 ResultSet rows = query.executeQuery("SELECT v FROM lunora_outbox_meta WHERE k = 'client_id'")) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    /** A write with its JSON already written, made off the commit path. */
    record Serialized(OutboxEntry entry, String args, String row) {
        static Serialized of(OutboxEntry entry) {
            return new Serialized(entry, WireJson.write(entry.args()), WireJson.write(entry.row()));
        }

        /** This write with its store order assigned. */
        Serialized withSeq(long seq) {
            return new Serialized(entry.withSeq(seq), args, row);
        }
    }

    /**
     * Stores writes moved from this process's journal, made by {@code owner}, in one transaction, each under the seq
     * it was journaled with; with {@code forceToDevice} the commit is followed by an fsync of the file. A commit whose
     * connection broke is retried on a new one without storing any write twice.
     */
    void appendAll(List<Serialized> writes, String owner, boolean forceToDevice) throws SQLException {
        synchronized (appends) {
            appends.inTransaction(rerun -> insert(appends, writes, owner, rerun));
        }
        if (forceToDevice) {
            forceToDevice();
        }
    }

    /**
     * Stores the writes read back from a journal of {@code owner} (a process that died) in one transaction, skipping
     * those already stored (moved before it died). With {@code forceToDevice} the commit is followed by an fsync of
     * the file.
     */
    void replay(List<Serialized> writes, String owner, boolean forceToDevice) throws SQLException {
        updates.inTransaction(rerun -> insert(updates, writes, owner, true));
        if (forceToDevice) {
            forceToDevice();
        }
    }

    private static int insert(StoreConnection connection, List<Serialized> writes, String owner,
                              boolean skipStored) throws SQLException {
        Set<String> already = skipStored ? storedMutations(connection, writes) : Set.of();
        PreparedStatement insert = connection.prepare("INSERT INTO lunora_outbox (schema_version, "
                + "transaction_id, mutation_id, collection, function_path, args, row_value, row_key, identity, "
                + "created_at, attempts, next_attempt_at, last_error, phase, owner, seq) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)");
        int added = 0;
        for (Serialized write : writes) {
            OutboxEntry entry = write.entry();
            if (already.contains(entry.mutationId())) {
                continue;
            }
            insert.setInt(1, SCHEMA_VERSION);
            insert.setString(2, entry.transactionId());
            insert.setString(3, entry.mutationId());
            insert.setString(4, entry.collection());
            insert.setString(5, entry.functionPath());
            insert.setString(6, write.args());
            insert.setString(7, write.row());
            insert.setString(8, entry.rowKey());
            insert.setString(9, entry.identity().orElse(null));
            insert.setLong(10, entry.createdAt());
            insert.setInt(11, entry.attempts());
            insert.setLong(12, entry.nextAttemptAt());
            insert.setString(13, entry.lastError().orElse(null));
            insert.setString(14, owner);
            insert.setLong(15, entry.seq());
            insert.addBatch();
            added++;
        }
        if (added > 0) {
            insert.executeBatch();
        }
        return added;
    }

    /**
     * The next {@code count} seqs of this process, ascending: numbered from a block of the shared sequence, so that
     * the sequence is read once per {@value #SEQ_BLOCK} writes. Seqs of several processes interleave by block; each
     * process's own writes stay in order. With {@code forceToDevice} a new block is forced to the device before it is
     * used, so that no seq of a journaled write is handed out again after a power loss.
     */
    List<Long> nextSeqs(int count, boolean forceToDevice) throws SQLException {
        List<Long> seqs = new ArrayList<>(count);
        while (seqs.size() < count) {
            if (nextSeq > blockEnd) {
                synchronized (appends) {
                    appends.call(rerun -> {
                        try (ResultSet block = appends.prepare("SELECT NEXT VALUE FOR lunora_outbox_seq")
                                .executeQuery()) {
                            block.next();
                            nextSeq = block.getLong(1);
                            blockEnd = nextSeq + SEQ_BLOCK - 1;
                        }
                        return null;
                    });
                }
                if (forceToDevice) {
                    forceToDevice();
                }
            }
            seqs.add(nextSeq++);
        }
        return seqs;
    }

    /** The idempotency keys of those of {@code writes} already stored. */
    private static Set<String> storedMutations(StoreConnection connection, List<Serialized> writes)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        PreparedStatement query = connection.prepare(
                "SELECT mutation_id FROM lunora_outbox WHERE mutation_id = ANY(?)");
        query.setArray(1, connection.connection().createArrayOf("VARCHAR",
                writes.stream().map(write -> write.entry().mutationId()).toArray()));
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        return stored;
    }

    /** Records a transient failure. */
    void retry(OutboxEntry entry) throws SQLException {
        updates.call(rerun -> {
            PreparedStatement update = updates.prepare(
                    "UPDATE lunora_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?");
            update.setInt(1, entry.attempts());
            update.setLong(2, entry.nextAttemptAt());
            update.setString(3, entry.lastError().map(OutboxStore::clip).orElse(null));
            update.setLong(4, entry.seq());
            return update.executeUpdate();
        });
    }

    /**
     * Marks writes as accepted by the server, each with its commit cursor when the server gave one, in one
     * transaction, before their local effects are applied: a crash in between repeats only the local part, and the
     * process that made a write learns the verdict from here.
     */
    void markAcked(List<Long> seqs, List<OptionalLong> cursors) throws SQLException {
        updates.inTransaction(rerun -> {
            PreparedStatement statement = updates.prepare(
                    "UPDATE lunora_outbox SET phase = 'ACKED', verdict_cursor = ? WHERE seq = ?");
            for (int i = 0; i < seqs.size(); i++) {
                OptionalLong cursor = cursors.get(i);
                statement.setObject(1, cursor.isPresent() ? cursor.getAsLong() : null);
                statement.setLong(2, seqs.get(i));
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /** Marks writes as refused by the server with {@code code} and {@code message}, in one transaction. */
    void markRejected(List<Long> seqs, String code, String message) throws SQLException {
        updates.inTransaction(rerun -> {
            PreparedStatement statement = updates.prepare("UPDATE lunora_outbox SET phase = 'REJECTED', "
                    + "verdict_code = ?, verdict_message = ? WHERE seq = ?");
            for (long seq : seqs) {
                statement.setString(1, clip(code, 128));
                statement.setString(2, clip(message, 2048));
                statement.setLong(3, seq);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /** Removes settled writes in one transaction. */
    void delete(Collection<Long> seqs) throws SQLException {
        updates.inTransaction(rerun -> {
            PreparedStatement statement = updates.prepare("DELETE FROM lunora_outbox WHERE seq = ?");
            for (long seq : seqs) {
                statement.setLong(1, seq);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /**
     * Makes every write of {@code from} (null: writes stored before owners were recorded) this process's, in one
     * statement; returns their seqs. Only the holder of {@code from}'s lock calls this, so a write is adopted once.
     */
    List<Long> claim(String from, String owner) throws SQLException {
        return updates.call(rerun -> {
            PreparedStatement claim = updates.prepare("SELECT seq FROM FINAL TABLE (UPDATE lunora_outbox "
                    + "SET owner = ? WHERE owner IS NOT DISTINCT FROM ?)");
            claim.setString(1, owner);
            claim.setString(2, from);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
            return seqs;
        });
    }

    /** What the other processes need to follow the store: every write's seq, phase, owner and retry state. */
    List<Listed> list() throws SQLException {
        return updates.call(rerun -> {
            List<Listed> listed = new ArrayList<>();
            PreparedStatement query = updates.prepare("SELECT seq, schema_version, phase, owner, attempts, "
                    + "next_attempt_at, last_error FROM lunora_outbox ORDER BY seq");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    listed.add(new Listed(rows.getLong(1), rows.getInt(2) == SCHEMA_VERSION, rows.getString(3),
                            Optional.ofNullable(rows.getString(4)), rows.getInt(5), rows.getLong(6),
                            Optional.ofNullable(rows.getString(7))));
                }
            }
            return listed;
        });
    }

    /** The stored writes among {@code seqs}, in order. */
    List<StoredEntry> load(Collection<Long> seqs) throws SQLException {
        return updates.call(rerun -> {
            List<StoredEntry> entries = new ArrayList<>();
            PreparedStatement query = updates.prepare(
                    "SELECT " + ENTRY_COLUMNS + " FROM lunora_outbox WHERE seq = ANY(?) ORDER BY seq");
            query.setArray(1, updates.connection().createArrayOf("BIGINT", seqs.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
            return entries;
        });
    }

    private static StoredEntry read(ResultSet rows) throws SQLException {
        OutboxEntry entry = new OutboxEntry(rows.getLong(1), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), WireJson.parse(rows.getString(7)),
                WireJson.parse(rows.getString(8)), rows.getString(9), Optional.ofNullable(rows.getString(10)),
                rows.getLong(11), rows.getInt(12), rows.getLong(13), Optional.ofNullable(rows.getString(14)));
        String code = rows.getString(16);
        Optional<LunoraException> verdict = code == null ? Optional.empty()
                : Optional.of(new LunoraException(code, String.valueOf(rows.getString(17))));
        long cursor = rows.getLong(19);
        return new StoredEntry(entry, rows.getInt(2), rows.getString(15), verdict,
                rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(cursor));
    }

    /** Forces the committed data file to the device (H2 writes each commit to the file but does not sync it). */
    private void forceToDevice() throws SQLException {
        try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (IOException e) {
            throw new SQLException("could not sync " + dataFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        appends.close();
        updates.close();
    }

    private static String clip(String text) {
        return clip(text, 2048);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * One stored write as the other processes follow it.
     *
     * @param seq its order
     * @param compatible whether it has this version's record layout
     * @param phase {@code PENDING}, {@code ACKED} or {@code REJECTED}
     * @param owner the process that made it (or adopted it); empty for a write stored before owners were recorded
     * @param attempts its transient failures so far
     * @param nextAttemptAt its next send, epoch ms
     * @param lastError its last transient failure
     */
    record Listed(long seq, boolean compatible, String phase, Optional<String> owner, int attempts,
                  long nextAttemptAt, Optional<String> lastError) {}

    /**
     * A write as loaded.
     *
     * @param entry the write
     * @param schemaVersion the layout version it was written with
     * @param phase {@code PENDING}, {@code ACKED} or {@code REJECTED}
     * @param rejection the server's refusal, for a {@code REJECTED} write
     * @param commitCursor the server's commit cursor, for an {@code ACKED} write when the server gave one
     */
    record StoredEntry(OutboxEntry entry, int schemaVersion, String phase, Optional<LunoraException> rejection,
                       OptionalLong commitCursor) {}
}
