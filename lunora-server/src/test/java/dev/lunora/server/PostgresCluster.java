package dev.lunora.server;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for one test class, from Debian's binaries ({@code /usr/lib/postgresql/<v>/bin}):
 * {@code initdb} in a temp folder, started with {@code pg_ctl} on a free loopback port with its unix socket in that
 * folder, stopped and deleted after the class. PostgreSQL refuses to run as root, so as root the binaries run as the
 * {@code postgres} OS user. Without the binaries the class is skipped, naming the package to install. Register it as
 * a static field with {@code @RegisterExtension}.
 */
final class PostgresCluster implements BeforeAllCallback, AfterAllCallback {
    private static final String USER = "postgres";
    private static final long TIMEOUT_SECONDS = 60;

    private final Map<Path, ServerStorage> databases = new ConcurrentHashMap<>();
    private Path bin;
    private Path home;
    private Path data;
    private boolean asPostgresUser;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> found = binaries();
        Assumptions.assumeTrue(found.isPresent(), "PostgreSQL tests skipped: no /usr/lib/postgresql/*/bin/initdb;"
                + " install Debian's postgresql package (apt-get install postgresql) to run them");
        bin = found.get();
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        home = Files.createTempDirectory("lunora-pg");
        if (asPostgresUser) {
            // The postgres user must be able to create the data folder and the socket in here.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        data = home.resolve("data");
        port = freePort();
        run("initdb", "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync");
        run("pg_ctl", "-D", data.toString(), "-l", home.resolve("server.log").toString(), "-w", "-t", "30",
                "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off", "start");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (data == null) {
            return;
        }
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The JDBC URL of database {@code name} in this cluster. */
    String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** The superuser every test connects as (trust authentication, no password). */
    String user() {
        return USER;
    }

    /** The storage of a fresh database for {@code dir} (a test's temp folder): the same database for the same dir. */
    ServerStorage storageFor(Path dir) {
        return databases.computeIfAbsent(dir, key -> {
            String name = "lunora_" + databases.size();
            try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), USER, null);
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
            return ServerStorage.postgres(jdbcUrl(name), USER, null);
        });
    }

    private static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb"))
                            && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(PostgresCluster::version));
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
