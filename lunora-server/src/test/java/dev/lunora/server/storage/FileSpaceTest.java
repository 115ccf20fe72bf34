package dev.lunora.server.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file of a server that keeps committing stays near its live data: {@link Database#commit} rewrites the
 * emptiest chunks now and then, so the space of superseded pages is reused (H2 runs no housekeeping of its own with
 * {@code WRITE_DELAY=0}). The files here keep no retention time, so freed space is reused at once.
 */
class FileSpaceTest {
    private static final int COMMITS = 10_000;

    @Test
    void anAppendOnlyTableGrowsTheFileByItsRowsNotByItsCommits(@TempDir Path dir) throws Exception {
        long reclaimed = fileBytesAfterCommits(dir.resolve("reclaimed"), Duration.ofMillis(20));
        long kept = fileBytesAfterCommits(dir.resolve("kept"), Duration.ofDays(1));
        assertTrue(reclaimed * 3 < kept, "reclaiming keeps the file at a third of its size or less: "
                + reclaimed + " bytes against " + kept);
    }

    private static long fileBytesAfterCommits(Path file, Duration reclaimInterval) throws SQLException, IOException {
        String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;RETENTION_TIME=0";
        try (Database database = Database.open(Dialect.h2(), url, new Properties(), List.of(), 1, reclaimInterval)) {
            try (Statement create = database.writer().createStatement()) {
                create.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, text VARCHAR NOT NULL)");
            }
            database.commit(0);
            try (PreparedStatement insert = database.writer().prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
                for (int i = 1; i <= COMMITS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "note " + i + " of a table that only grows");
                    insert.executeUpdate();
                    database.commit(i);
                }
            }
            return Files.size(Path.of(file + ".mv.db"));
        }
    }
}
