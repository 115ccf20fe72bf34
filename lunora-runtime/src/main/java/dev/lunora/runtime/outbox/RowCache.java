package dev.lunora.runtime.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireJson;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last rows the server synced for each collection and scope, kept in the outbox's H2 file so that a restarted
 * client shows them while the server is unreachable. Saving is write-behind on its own thread and coalesced: only the
 * newest snapshot of a collection and scope is written. Best effort: a cache that cannot be opened or written is
 * simply empty (the outbox reports storage failures). Thread-safe.
 */
public final class RowCache implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RowCache.class.getName());

    private final StoreConnection connection;
    private final Object connectionLock = new Object();
    private final Map<List<String>, List<JsonNode>> unsaved = new LinkedHashMap<>();
    private final Thread writer;
    private boolean closed;

    private RowCache(StoreConnection connection) {
        this.connection = connection;
        this.writer = new Thread(this::writeBehind, "lunora-row-cache");
        this.writer.setDaemon(true);
        if (connection != null) {
            writer.start();
        }
    }

    /** Opens the cache in the store file {@code file}; without a file, or when it cannot be opened, it is empty. */
    public static RowCache open(Optional<Path> file) {
        if (file.isEmpty()) {
            return new RowCache(null);
        }
        try {
            StoreConnection connection = StoreConnection.open(file.get());
            try (Statement ddl = connection.connection().createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS lunora_rows (collection VARCHAR(256) NOT NULL, "
                        + "scope VARCHAR(8192) NOT NULL, position INT NOT NULL, row_value VARCHAR(1000000) NOT NULL, "
                        + "PRIMARY KEY (collection, scope, position))");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new RowCache(connection);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "the synced-row cache is unavailable", e);
            return new RowCache(null);
        }
    }

    /** The rows last saved for {@code collection} in {@code scope}, wire-encoded, in server order. */
    public synchronized Optional<List<JsonNode>> load(String collection, String scope) {
        List<JsonNode> pending = unsaved.get(List.of(collection, scope));
        if (pending != null || connection == null) {
            return Optional.ofNullable(pending);
        }
        try {
            List<JsonNode> rows = read(collection, scope);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not read the synced-row cache", e);
            return Optional.empty();
        }
    }

    /** Schedules {@code rows} as the rows of {@code collection} in {@code scope}, replacing what was saved. */
    public synchronized void save(String collection, String scope, List<JsonNode> rows) {
        if (connection == null || closed) {
            return;
        }
        unsaved.put(List.of(collection, scope), List.copyOf(rows));
        notifyAll();
    }

    /** Writes what is still unsaved, then closes the cache. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (connection == null) {
            return;
        }
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    private void writeBehind() {
        while (true) {
            Map.Entry<List<String>, List<JsonNode>> next;
            synchronized (this) {
                while (unsaved.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (unsaved.isEmpty()) {
                    return;
                }
                List<String> key = unsaved.keySet().iterator().next();
                next = Map.entry(key, unsaved.remove(key));
            }
            write(next.getKey().get(0), next.getKey().get(1), next.getValue());
        }
    }

    private List<JsonNode> read(String collection, String scope) throws SQLException {
        synchronized (connectionLock) {
            return connection.call(rerun -> {
                PreparedStatement query = connection.prepare(
                        "SELECT row_value FROM lunora_rows WHERE collection = ? AND scope = ? ORDER BY position");
                query.setString(1, collection);
                query.setString(2, scope);
                List<JsonNode> found = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        found.add(WireJson.parse(result.getString(1)));
                    }
                }
                return found;
            });
        }
    }

    private void write(String collection, String scope, List<JsonNode> rows) {
        try {
            synchronized (connectionLock) {
                connection.inTransaction(rerun -> replace(collection, scope, rows));
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not save the synced rows of " + collection, e);
        }
    }

    private int[] replace(String collection, String scope, List<JsonNode> rows) throws SQLException {
        PreparedStatement delete = connection.prepare("DELETE FROM lunora_rows WHERE collection = ? AND scope = ?");
        PreparedStatement insert = connection.prepare(
                "INSERT INTO lunora_rows (collection, scope, position, row_value) VALUES (?, ?, ?, ?)");
        delete.setString(1, collection);
        delete.setString(2, scope);
        delete.executeUpdate();
        for (int i = 0; i < rows.size(); i++) {
            insert.setString(1, collection);
            insert.setString(2, scope);
            insert.setInt(3, i);
            insert.setString(4, WireJson.write(rows.get(i)));
            insert.addBatch();
        }
        return insert.executeBatch();
    }
}
