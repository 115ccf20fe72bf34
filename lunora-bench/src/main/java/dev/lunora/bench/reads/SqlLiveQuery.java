package dev.lunora.bench.reads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a Java developer without a live query engine writes: a SQL query re-run after every change, its whole result
 * handed to a listener. Not thread-safe; use from the thread that makes the changes.
 *
 * @param <T> the result row
 */
final class SqlLiveQuery<T> implements AutoCloseable {
    /** Reads one row of the result at the cursor. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final PreparedStatement statement;
    private final RowMapper<T> mapper;
    private final Consumer<List<T>> listener;

    SqlLiveQuery(Connection connection, String sql, RowMapper<T> mapper, Consumer<List<T>> listener)
            throws SQLException {
        this.statement = connection.prepareStatement(sql);
        this.mapper = mapper;
        this.listener = listener;
    }

    /** Re-runs the query, hands the result to the listener and returns it. */
    List<T> refresh() throws SQLException {
        List<T> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(mapper.map(result));
            }
        }
        listener.accept(rows);
        return rows;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
