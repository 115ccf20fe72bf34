package dev.lunora.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireJson;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's database (H2 or PostgreSQL, see {@link Dialect}): the app's tables, the commit cursor and epoch, the
 * idempotency records and the per-client sequence watermarks.
 * It owns one writer connection, used only by the caller holding the mutation lock, and a small fixed set of reader
 * connections lent out by {@link #read}. On a {@link Dialect#shared} database it can also tail the commits of every
 * process ({@link #follow}). Threads using it must never be interrupted (H2 closes the database).
 */
public final class Database implements AutoCloseable {
    /** A unit of SQL work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        /** Runs the work. */
        T run(Connection connection) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final String META = TableSchema.quote("_lunora_meta");
    private static final String IDEMPOTENCY = TableSchema.quote("_lunora_idempotency");
    private static final String CLIENT_SEQ = TableSchema.quote("_lunora_client_seq");
    /** How long the change log of a shared database keeps a commit for processes that lag behind. */
    private static final long CHANGE_RETENTION_MILLIS = 10 * 60_000;
    /** How often {@link #commit} reclaims file space while commits arrive. */
    private static final Duration RECLAIM_INTERVAL = Duration.ofSeconds(1);
    private static final String SERIALIZATION_FAILURE = "40001";
    /** Serialization failure, deadlock, lock wait timed out: the transaction must be run again. */
    private static final Set<String> RETRYABLE = Set.of(SERIALIZATION_FAILURE, "40P01", "55P03");

    private final Dialect dialect;
    private final String jdbcUrl;
    private final Properties properties;
    private final String upsertIdempotent;
    private final String upsertWatermark;

    private final Connection writer;
    private final List<Connection> readerList;
    private final BlockingQueue<Connection> readers;
    private final Map<String, TableSchema> tables;
    private final String epoch;
    private final AtomicLong cursor;
    private ChangeFeed feed;
    private final long reclaimIntervalNanos;
    /** When the writer last reclaimed file space ({@link System#nanoTime}); guarded like the writer. */
    private long lastReclaim = System.nanoTime();

    private Database(Dialect dialect, String jdbcUrl, Properties properties, Connection writer,
                     List<Connection> readerList, Map<String, TableSchema> tables, String epoch, long cursor,
                     Duration reclaimInterval) {
        this.dialect = dialect;
        this.reclaimIntervalNanos = reclaimInterval.toNanos();
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.upsertIdempotent = dialect.upsert(IDEMPOTENCY, List.of("identity", "mutation_id"),
                List.of("result", "commit_cursor", "created_at"));
        this.upsertWatermark = dialect.upsert(CLIENT_SEQ, List.of("client_key"), List.of("last_seq"));
        this.writer = writer;
        this.readerList = List.copyOf(readerList);
        this.readers = new ArrayBlockingQueue<>(readerList.size(), false, readerList);
        this.tables = tables;
        this.epoch = epoch;
        this.cursor = new AtomicLong(cursor);
    }

    /**
     * Opens (creating when absent) the database at {@code jdbcUrl} with a table per schema.
     *
     * @param properties the connection properties (user, password), empty for H2
     * @param readerCount how many reader connections to open, at least one
     * @throws SQLException when the database cannot be opened or migrated; nothing stays open then
     */
    public static Database open(Dialect dialect, String jdbcUrl, Properties properties, List<TableSchema> schemas,
                                int readerCount) throws SQLException {
        return open(dialect, jdbcUrl, properties, schemas, readerCount, RECLAIM_INTERVAL);
    }

    /** {@link #open} reclaiming file space at most once per {@code reclaimInterval} (for tests). */
    static Database open(Dialect dialect, String jdbcUrl, Properties properties, List<TableSchema> schemas,
                         int readerCount, Duration reclaimInterval) throws SQLException {
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        for (TableSchema schema : schemas) {
            if (tables.put(schema.name(), schema) != null) {
                throw new IllegalArgumentException("two tables are named " + schema.name());
            }
        }
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = DriverManager.getConnection(jdbcUrl, properties);
            opened.add(writer);
            writer.setAutoCommit(false);
            dialect.configureWriter(writer);
            dialect.createMeta(writer, META, UUID.randomUUID().toString());
            try (Statement statement = writer.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + IDEMPOTENCY + " (identity VARCHAR NOT NULL,"
                        + " mutation_id VARCHAR NOT NULL, result " + dialect.columnType(ColumnKind.JSON)
                        + " NOT NULL, commit_cursor BIGINT NOT NULL,"
                        + " created_at BIGINT NOT NULL, PRIMARY KEY (identity, mutation_id))");
                statement.execute("CREATE INDEX IF NOT EXISTS " + TableSchema.quote("_lunora_idempotency_by_age")
                        + " ON " + IDEMPOTENCY + " (created_at)");
                statement.execute("CREATE TABLE IF NOT EXISTS " + CLIENT_SEQ + " (client_key VARCHAR PRIMARY KEY,"
                        + " last_seq BIGINT NOT NULL)");
                for (TableSchema schema : tables.values()) {
                    for (String sql : schema.createStatements(dialect)) {
                        statement.execute(sql);
                    }
                }
            }
            long cursor = dialect.currentCursor(writer, META);
            String epoch;
            try (Statement statement = writer.createStatement();
                 ResultSet meta = statement.executeQuery("SELECT epoch FROM " + META + " WHERE id = 1")) {
                meta.next();
                epoch = meta.getString(1);
            }
            writer.commit();
            List<Connection> readerList = new ArrayList<>();
            for (int i = 0; i < Math.max(1, readerCount); i++) {
                Connection reader = DriverManager.getConnection(jdbcUrl, properties);
                opened.add(reader);
                readerList.add(reader);
            }
            return new Database(dialect, jdbcUrl, properties, writer, readerList, Map.copyOf(tables), epoch, cursor,
                    reclaimInterval);
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

    /** The names of the app's tables. */
    public Set<String> tableNames() {
        return tables.keySet();
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

    /** The commit cursor of the last committed mutation that wrote something (of any process). Thread-safe. */
    public long cursor() {
        return cursor.get();
    }

    /**
     * The commit cursor as the database holds it, read on a reader connection: unlike {@link #cursor()} (published
     * only after a commit), at least the cursor of every commit that a read finished before this call could see.
     *
     * @throws SQLException when it cannot be read
     */
    public long committedCursor() throws SQLException {
        return read(reader -> dialect.currentCursor(reader, META));
    }

    /** Whether other server processes may commit to this database (then commits are seen through {@link #follow}). */
    public boolean shared() {
        return dialect.shared();
    }

    /**
     * On a {@link #shared} database, starts handing every commit after the current cursor, of this process and the
     * others, to {@code listener} in cursor order on a feed thread (and makes its cursor visible to {@link #cursor()});
     * does nothing otherwise. Call at most once.
     */
    public void follow(FeedListener listener) {
        if (dialect.shared()) {
            feed = new ChangeFeed(jdbcUrl, properties, tables, cursor(), (committed, writes) -> {
                publishCursor(committed);
                listener.committed(committed, writes);
            });
            feed.start();
        }
    }

    /**
     * On a {@link #shared} database, waits (at most five seconds) until the {@link #follow} listener has been handed
     * the commit with {@code committed}, so that what a caller does next is ordered after it; returns at once
     * otherwise.
     */
    public void awaitFollowed(long committed) {
        if (feed == null) {
            return;
        }
        try {
            if (!feed.awaitDelivered(committed, 5_000)) {
                LOG.log(System.Logger.Level.WARNING, "the change feed has not delivered commit " + committed
                        + " after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether {@code failure} or one of its causes says the transaction lost a race with another (a serialization
     * failure, a deadlock, a lock wait timed out) and must be run again.
     */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The writer connection (auto-commit off). Only the holder of the server's mutation lock may use it. */
    public Connection writer() {
        return writer;
    }

    /**
     * Takes the next commit cursor inside the writer's open transaction for a commit that wrote {@code writes}
     * (recorded in the change log of a shared database), after {@code lastTaken} (the largest the transaction holds,
     * else the last committed); commit with {@link #commit(long)}.
     */
    public long advanceCursor(List<RowImage> writes, long lastTaken, long now) throws SQLException {
        return dialect.advanceCursor(writer, META, writes, lastTaken, now);
    }

    /**
     * Commits the writer's open transaction, first storing {@code lastTaken}, the largest cursor it took (0 when it
     * took none). When this returns the commit is in the database file (or the database server), so a killed process
     * keeps it; call {@link #publishCursor} next. About once a second, it then reclaims some of the file's superseded
     * space ({@link Dialect#reclaimSpace}); a failure to do so is logged, the commit stands.
     */
    public void commit(long lastTaken) throws SQLException {
        if (lastTaken > 0) {
            dialect.storeCursor(writer, META, lastTaken);
        }
        writer.commit();
        long now = System.nanoTime();
        if (now - lastReclaim >= reclaimIntervalNanos) {
            lastReclaim = now;
            try {
                dialect.reclaimSpace(writer);
            } catch (SQLException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not reclaim the database file's unused space", e);
            }
        }
    }

    /** Makes a committed cursor visible to {@link #cursor()}; the cursor never moves back. Thread-safe. */
    public void publishCursor(long committed) {
        cursor.accumulateAndGet(committed, Math::max);
    }

    /**
     * Claims {@code key} for the writer's open transaction across every process on the database; false when another
     * process's transaction holds it (always true on a database that is not {@link #shared}).
     */
    public boolean claim(String key) throws SQLException {
        return dialect.claim(writer, key);
    }

    /**
     * The stored outcome of {@code (identity, mutationId)} recorded at or after {@code notBefore} (epoch
     * milliseconds; older records count as trimmed), read on the writer connection.
     *
     * @throws SQLException with SQLState {@code 40001} when, on a shared database, the writer's snapshot misses a
     *     record another process has committed since it was taken: the transaction must be retried
     */
    public Optional<StoredResult> findIdempotent(String identity, String mutationId, long notBefore)
            throws SQLException {
        Optional<StoredResult> stored = findIdempotent(writer, identity, mutationId, notBefore);
        if (stored.isEmpty() && dialect.shared()
                && read(reader -> findIdempotent(reader, identity, mutationId, notBefore)).isPresent()) {
            throw new SQLException("mutation " + mutationId + " committed after this transaction's snapshot",
                    SERIALIZATION_FAILURE);
        }
        return stored;
    }

    private static Optional<StoredResult> findIdempotent(Connection connection, String identity, String mutationId,
                                                         long notBefore) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT result, commit_cursor FROM " + IDEMPOTENCY
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
        try (PreparedStatement merge = writer.prepareStatement(upsertIdempotent)) {
            merge.setString(1, identity);
            merge.setString(2, mutationId);
            merge.setString(3, WireJson.write(result));
            merge.setLong(4, commitCursor);
            merge.setLong(5, now);
            merge.executeUpdate();
        }
    }

    /**
     * Deletes, in the writer's open transaction, the idempotency records created before {@code notBefore} and the
     * change-log entries older than ten minutes at {@code now}.
     *
     * @return how many idempotency records were deleted
     */
    public int trimExpired(long notBefore, long now) throws SQLException {
        dialect.trimChanges(writer, now - CHANGE_RETENTION_MILLIS);
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
        try (PreparedStatement merge = writer.prepareStatement(upsertWatermark)) {
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

    /**
     * Stops the change feed, then closes every connection; with the last one H2 closes the database. Call once no
     * work is running.
     */
    @Override
    public void close() throws SQLException {
        if (feed != null) {
            feed.close();
        }
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
