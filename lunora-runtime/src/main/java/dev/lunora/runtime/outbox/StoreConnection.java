package dev.lunora.runtime.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.h2.api.ErrorCode;

/**
 * One JDBC connection to the outbox's H2 file, which several processes may share: the first opener holds the file
 * and serves it to the others over loopback ({@code AUTO_SERVER}); when that process dies, a survivor's connection
 * breaks, and it is reopened here (one survivor then holds the file and serves the rest). Every commit is written to
 * the file before it returns ({@code WRITE_DELAY=0}). Prepared statements are kept for reuse. Not thread-safe.
 */
final class StoreConnection implements AutoCloseable {
    private static final long RECONNECT_FOR_MS = 20_000;

    private final Path file;
    private final String url;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    private StoreConnection(Path file, String url, Connection connection) {
        this.file = file;
        this.url = url;
        this.connection = connection;
    }

    /** Work against the store; {@code rerun} tells that a first try failed with the connection and may have committed. */
    @FunctionalInterface
    interface Work<T> {
        T run(boolean rerun) throws SQLException;
    }

    /** Opens (creating if needed) the store file {@code file} (H2 appends {@code .mv.db}). */
    static StoreConnection open(Path file) throws SQLException {
        String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;AUTO_SERVER=TRUE";
        StaleServerLock.clear(file);
        return new StoreConnection(file, url, DriverManager.getConnection(url, "sa", ""));
    }

    /** The connection itself, for one-off statements. */
    Connection connection() {
        return connection;
    }

    /** A prepared statement for {@code sql}, prepared once per connection. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Runs {@code work}; when the connection broke (the process serving the file died), reconnects and reruns it once. */
    <T> T call(Work<T> work) throws SQLException {
        try {
            return work.run(false);
        } catch (SQLException e) {
            if (!broken(e)) {
                throw e;
            }
            reconnect(e);
            return work.run(true);
        }
    }

    /** Runs {@code work} as one transaction, like {@link #call}: committed, or rolled back and rethrown. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        return call(rerun -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(rerun);
                connection.commit();
                return result;
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException broken) {
                    e.addSuppressed(broken);
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException broken) {
                    // The connection is gone; call() reconnects or the caller reports the failure.
                }
            }
        });
    }

    private static boolean broken(SQLException e) {
        int code = e.getErrorCode();
        return code == ErrorCode.CONNECTION_BROKEN_1 || code == ErrorCode.DATABASE_IS_CLOSED
                || code == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN || code == ErrorCode.OBJECT_CLOSED
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    /**
     * Opens a new connection, trying for up to 20 s (one of the survivors opens the file itself, the others then
     * reach it through that one). A file now held by a process that does not share it (opened without
     * {@code AUTO_SERVER}) fails at once.
     */
    private void reconnect(SQLException cause) throws SQLException {
        close();
        long deadline = System.currentTimeMillis() + RECONNECT_FOR_MS;
        while (true) {
            try {
                StaleServerLock.clear(file);
                connection = DriverManager.getConnection(url, "sa", "");
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1 || System.currentTimeMillis() > deadline) {
                    e.addSuppressed(cause);
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while reconnecting to the outbox", e);
            }
        }
    }

    @Override
    public void close() {
        statements.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken connection: nothing more can be persisted through it either way.
        }
    }
}
