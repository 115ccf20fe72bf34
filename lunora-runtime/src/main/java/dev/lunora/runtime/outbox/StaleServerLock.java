package dev.lunora.runtime.outbox;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Clears the {@code .lock.db} file that an H2 process sharing the outbox ({@code AUTO_SERVER}) leaves behind when it
 * is killed. H2 takes such a file over by itself, but only after waiting about four seconds; the file is stale for
 * sure when nothing listens on the server address it names (a process holding the file serves it), so it is deleted
 * at once. A file without a server address, or whose server answers, is left to H2.
 */
final class StaleServerLock {
    private static final int CONNECT_TIMEOUT_MS = 500;

    private StaleServerLock() {
    }

    /** Deletes the lock file of the store file {@code file} when the process that wrote it is gone. */
    static void clear(Path file) {
        Path lock = Path.of(file.toAbsolutePath() + ".lock.db");
        try {
            Optional<Properties> written = read(lock);
            if (written.isEmpty() || !"file".equals(written.get().getProperty("method"))) {
                return;
            }
            String server = written.get().getProperty("server");
            if (server == null || server.lastIndexOf(':') < 0 || listening(server)) {
                return;
            }
            if (read(lock).equals(written)) {
                Files.deleteIfExists(lock);
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or changing under us: H2 decides.
        }
    }

    private static Optional<Properties> read(Path lock) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(lock, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(properties);
    }

    private static boolean listening(String server) throws IOException {
        int colon = server.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(server.substring(0, colon),
                Integer.parseInt(server.substring(colon + 1)));
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
