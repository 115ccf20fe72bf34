package dev.lunora.runtime.outbox;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs JDBC work as one transaction on a connection that otherwise auto-commits. */
final class Transactions {
    /** Work against the connection that may fail with an {@link SQLException}. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    private Transactions() {
    }

    /** Runs {@code work} and commits it, or rolls it back and rethrows; the connection auto-commits again after. */
    static void inOne(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
