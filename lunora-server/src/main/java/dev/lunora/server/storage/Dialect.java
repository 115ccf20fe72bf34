package dev.lunora.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL that differs between the databases a server can keep its tables in: column types, upserts, and how the
 * commit cursor is kept and announced. Everything else ({@link Rows}, {@link Database}) is plain SQL both accept.
 * Implementations are stateless.
 */
public interface Dialect {
    /**
     * H2, embedded: one server process owns the database; the cursor lives in the meta row, stored once per
     * transaction.
     */
    static Dialect h2() {
        return H2Dialect.INSTANCE;
    }

    /**
     * PostgreSQL: several server processes may share the database; the cursor is a sequence taken under a
     * transaction-scoped advisory lock, every commit is appended to a change-log table and announced with
     * {@code NOTIFY}, the writer runs {@code SERIALIZABLE}.
     */
    static Dialect postgres() {
        return PostgresDialect.INSTANCE;
    }

    /** The SQL type of a column of {@code kind}. */
    String columnType(ColumnKind kind);

    /**
     * An upsert of {@code table}: {@code ?} parameters for {@code keys} then {@code values}, in that order; an
     * existing row with the same key gets the new values.
     */
    String upsert(String quotedTable, List<String> keys, List<String> values);

    /** Prepares the writer connection (auto-commit is already off). */
    void configureWriter(Connection writer) throws SQLException;

    /**
     * Creates, in the writer's open transaction, what keeps the cursor and the epoch (meta row, sequence, change
     * log), keeping what exists; the meta row gets {@code freshEpoch} only when it is created. Serialises against
     * other processes doing the same and against commits, so {@link #currentCursor} read next is exact.
     */
    void createMeta(Connection writer, String quotedMeta, String freshEpoch) throws SQLException;

    /**
     * The last commit cursor handed out, read on {@code connection} (the writer in its open transaction, or a
     * reader): at least the cursor of every commit a statement run earlier on any connection could see.
     */
    long currentCursor(Connection connection, String quotedMeta) throws SQLException;

    /**
     * Hands out the next commit cursor in the writer's open transaction, recording the commit's row images
     * {@code writes} where other processes can read them when the database is {@link #shared}.
     *
     * @param lastTaken the largest cursor this process's open transaction holds so far, else the last committed one
     */
    long advanceCursor(Connection writer, String quotedMeta, List<RowImage> writes, long lastTaken, long now)
            throws SQLException;

    /**
     * Stores, just before the writer's open transaction commits, the largest cursor it took, where the dialect keeps
     * the cursor in the database only once per transaction.
     */
    void storeCursor(Connection writer, String quotedMeta, long lastTaken) throws SQLException;

    /**
     * Reclaims some of the space that superseded data takes in the database file, a bounded amount of work per call;
     * called on the writer between transactions, about once a second while commits arrive.
     */
    void reclaimSpace(Connection writer) throws SQLException;

    /**
     * Claims {@code key} (an identity and mutation id) for the writer's open transaction, database-wide; false when
     * another transaction (of any process) holds it.
     */
    boolean claim(Connection writer, String key) throws SQLException;

    /** Whether other processes may commit to the database, so commits must be read back from its change log. */
    boolean shared();

    /** Deletes, in the writer's open transaction, change-log entries recorded before {@code notBefore}. */
    void trimChanges(Connection writer, long notBefore) throws SQLException;
}
