package dev.lunora.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test app's server on a PostgreSQL database in a child JVM (the second server process of a multi-process test):
 * {@code main(jdbcUrl, user)} prints {@code port <n>} once listening and serves until its stdin closes.
 */
public final class PostgresServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private PostgresServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the child on the database at {@code jdbcUrl} and waits until it listens. */
    static PostgresServerProcess start(String jdbcUrl, String user) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), PostgresServerProcess.class.getName(), jdbcUrl, user));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null || !line.startsWith("port ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the server process did not start: " + line);
        }
        return new PostgresServerProcess(process, Integer.parseInt(line.substring("port ".length())));
    }

    /** The child server's origin. */
    URI origin() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Closes the child's stdin, so it shuts down, and waits for it (killing it after ten seconds). */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the server: {@code args} are the JDBC URL and the user. */
    public static void main(String[] args) throws IOException {
        try (LunoraServer server = TestApp.server().storage(ServerStorage.postgres(args[0], args[1], null))
                .build().start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serve until the parent closes our stdin.
            }
        }
    }
}
