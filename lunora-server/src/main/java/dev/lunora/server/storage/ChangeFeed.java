package dev.lunora.server.storage;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Tails the PostgreSQL change log: on its own connection it {@code LISTEN}s on {@link PostgresDialect#CHANNEL} and,
 * on every notification (and at least twice a second), reads the commits after the last one it handed on, in cursor
 * order, whichever process made them. A lost connection is reopened after a second, continuing from the last cursor.
 * Runs one daemon thread; {@link #close} stops it.
 */
final class ChangeFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());
    private static final int POLL_MILLIS = 500;
    private static final int BATCH = 1_000;

    private final String jdbcUrl;
    private final Properties properties;
    private final Map<String, TableSchema> tables;
    private final FeedListener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    // Written by the feed's thread only; guarded by this for awaitDelivered.
    private long last;

    ChangeFeed(String jdbcUrl, Properties properties, Map<String, TableSchema> tables, long after,
               FeedListener listener) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.tables = tables;
        this.listener = listener;
        this.last = after;
        this.thread = new Thread(this::loop, "lunora-change-feed");
        thread.setDaemon(true);
    }

    /** Starts tailing. */
    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try (Connection listening = DriverManager.getConnection(jdbcUrl, properties)) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + PostgresDialect.CHANNEL);
                }
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (running) {
                    drain(listening);
                    notifications.getNotifications(POLL_MILLIS);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "change feed lost its connection; reopening in 1 s", e);
                    pause();
                }
            }
        }
    }

    private synchronized long delivered() {
        return last;
    }

    private void drain(Connection listening) throws SQLException {
        try (PreparedStatement select = listening.prepareStatement("SELECT commit_cursor, writes FROM "
                + PostgresDialect.CHANGES + " WHERE commit_cursor > ? ORDER BY commit_cursor LIMIT " + BATCH)) {
            int read;
            do {
                read = 0;
                select.setLong(1, delivered());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long cursor = rows.getLong(1);
                        listener.committed(cursor, ChangeCodec.decode(rows.getString(2), tables));
                        synchronized (this) {
                            last = cursor;
                            notifyAll();
                        }
                        read++;
                    }
                }
            } while (read == BATCH && running);
        }
    }

    /**
     * Waits until the commit with {@code cursor} (or a later one) has been handed on, at most {@code timeoutMillis}.
     *
     * @return whether it was
     */
    synchronized boolean awaitDelivered(long cursor, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (last < cursor) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !running) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread (closing its connection wakes it) and waits for it. */
    @Override
    public void close() {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the change feed's connection failed", e);
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
