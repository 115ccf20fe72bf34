package dev.lunora.server;

import java.nio.file.Path;
import java.util.UUID;

/** Where a {@link LunoraServer} keeps its tables. Immutable. */
public final class ServerStorage {
    private final String jdbcUrl;

    private ServerStorage(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * An H2 file database at {@code file} (H2 appends {@code .mv.db}), created when absent, written through on
     * every commit ({@code WRITE_DELAY=0}) so a killed process keeps its commits. One server at a time may open it.
     */
    public static ServerStorage h2File(Path file) {
        return new ServerStorage("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0");
    }

    /** A private in-memory H2 database, gone when the server closes. */
    public static ServerStorage h2InMemory() {
        return new ServerStorage("jdbc:h2:mem:lunora-" + UUID.randomUUID());
    }

    /** The JDBC URL the server opens. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String toString() {
        return "ServerStorage[" + jdbcUrl + "]";
    }
}
