package dev.lunora.server.exec;

import java.sql.SQLException;

/** Runs storage work from code that cannot throw {@link SQLException}. */
final class Sql {
    private Sql() {}

    /** Storage work. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work}, rethrowing a {@link SQLException} as an {@link IllegalStateException} (an internal error). */
    static <T> T unchecked(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("storage failure", e);
        }
    }
}
