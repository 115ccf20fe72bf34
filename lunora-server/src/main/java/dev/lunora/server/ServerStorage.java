package dev.lunora.server;

import dev.lunora.server.storage.Dialect;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

/**
 * Where a {@link LunoraServer} keeps its tables: an embedded H2 database (file or memory) owned by one server
 * process, or a PostgreSQL database that several server processes may share. Immutable.
 */
public final class ServerStorage {
    private final Dialect dialect;
    private final String jdbcUrl;
    private final Properties properties;

    private ServerStorage(Dialect dialect, String jdbcUrl, Properties properties) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
    }

    /**
     * An H2 file database at {@code file} (H2 appends {@code .mv.db}), created when absent, written through on
     * every commit ({@code WRITE_DELAY=0}) so a killed process keeps its commits, and compacted while it runs (about
     * once a second the emptiest chunks are rewritten). One server at a time may open it.
     */
    public static ServerStorage h2File(Path file) {
        return new ServerStorage(Dialect.h2(), "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0",
                new Properties());
    }

    /** A private in-memory H2 database, gone when the server closes. */
    public static ServerStorage h2InMemory() {
        return new ServerStorage(Dialect.h2(), "jdbc:h2:mem:lunora-" + UUID.randomUUID(), new Properties());
    }

    /**
     * An existing PostgreSQL database, through the official JDBC driver: {@code jdbcUrl} is a
     * {@code jdbc:postgresql://host:port/database} URL, {@code user} and {@code password} its credentials
     * ({@code password} may be null for trust or peer authentication). The server creates its tables when absent.
     * Any number of server processes of the same app may use the same database at once: commits of each reach the
     * subscribers of all, cursors are database-wide, and a mutation whose reads another commit clobbered is retried
     * and, when that keeps happening, refused with {@code CONFLICT}.
     */
    public static ServerStorage postgres(String jdbcUrl, String user, String password) {
        if (!Objects.requireNonNull(jdbcUrl, "jdbcUrl").startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + jdbcUrl);
        }
        Properties properties = new Properties();
        properties.setProperty("user", Objects.requireNonNull(user, "user"));
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new ServerStorage(Dialect.postgres(), jdbcUrl, properties);
    }

    /** The JDBC URL the server opens. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The SQL dialect of the database. */
    Dialect dialect() {
        return dialect;
    }

    /** A copy of the connection properties (user and password; empty for H2). */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    @Override
    public String toString() {
        return "ServerStorage[" + jdbcUrl + "]";
    }
}
