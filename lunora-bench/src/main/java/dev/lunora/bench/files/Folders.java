package dev.lunora.bench.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes the scratch folders a benchmark writes (databases, outboxes, generated sources), so that repeated runs do
 * not fill the disk: a server benchmark's H2 file alone reaches gigabytes. Stateless.
 */
public final class Folders {
    private Folders() {
    }

    /**
     * Deletes {@code dir} and everything under it, if it exists; blocks on file I/O.
     *
     * @throws UncheckedIOException when a file cannot be deleted
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
