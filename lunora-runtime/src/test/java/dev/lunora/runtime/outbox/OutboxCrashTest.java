package dev.lunora.runtime.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal under real crashes: a child JVM killed with SIGKILL while it enqueues, its journal cut inside its last
 * records, and a crash between moving the journal into H2 and deleting it. The next process on the file recovers
 * every write whose call returned, exactly once and in each writer's order, and never half a write.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OutboxCrashTest {
    private final List<StorageFailure> failures = new ArrayList<>();

    @Test
    void everyWriteWhoseCallReturnedSurvivesAKillWhileEnqueuingExactlyOnceAndInOrder(@TempDir Path dir)
            throws Exception {
        Random random = new Random(20261201L);
        for (int trial = 0; trial < 3; trial++) {
            Path file = dir.resolve("outbox-" + trial);
            Process child = child("enqueue", file.toString(), "4");
            List<String> stored = readUntilKilled(child, "STORED ", 500 + random.nextInt(3_000));
            try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
                List<String> recovered = ids(reopened.recovered());
                assertEquals(recovered.size(), new HashSet<>(recovered).size(), "trial " + trial + ": a write twice");
                assertTrue(recovered.containsAll(stored), "trial " + trial + ": a write whose call returned was lost");
                for (int w = 0; w < 4; w++) {
                    String prefix = "w" + w + "-";
                    List<String> mine = recovered.stream().filter(id -> id.startsWith(prefix)).toList();
                    for (int i = 0; i < mine.size(); i++) {
                        assertEquals(prefix + i, mine.get(i), "trial " + trial + ": writer " + w + "'s order, no hole");
                    }
                }
            }
            assertEquals(List.of(), segments(file), "the replayed journal is deleted once its writes are stored");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aJournalCutInsideItsLastRecordsGivesBackEveryCompleteWriteOnceAndNoPartOfTheRest(@TempDir Path dir)
            throws Exception {
        Path original = dir.resolve("original");
        Path file = original.resolve("outbox");
        Files.createDirectories(original);
        Process child = child("enqueue", file.toString(), "1");
        List<String> stored = readUntilKilled(child, "STORED ", 200);
        Path segment = segments(file).get(segments(file).size() - 1);
        byte[] whole = Files.readAllBytes(segment);
        List<Long> ends = recordEnds(whole);
        int records = ends.size() - 1;
        assertTrue(records >= stored.size(), records + " records, " + stored.size() + " reported");
        Random random = new Random(5L);
        Set<Long> cuts = new LinkedHashSet<>(List.of(ends.get(records - 1), ends.get(records - 1) + 1,
                ends.get(records) - 1, ends.get(records)));
        while (cuts.size() < 10) {
            long first = ends.get(Math.max(0, records - 3));
            cuts.add(first + random.nextInt((int) (ends.get(records) - first)));
        }
        int trial = 0;
        for (long cut : cuts) {
            Path copy = dir.resolve("cut-" + trial++);
            copyTree(original, copy);
            Path copied = copy.resolve(original.relativize(segment));
            Files.write(copied, Arrays.copyOf(whole, (int) cut));
            int complete = (int) ends.stream().filter(end -> end <= cut).count() - 1;
            try (Outbox reopened = Outbox.open(Optional.of(copy.resolve("outbox")), Durability.PROCESS_CRASH,
                    failures::add)) {
                List<String> recovered = ids(reopened.recovered());
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < complete; i++) {
                    expected.add("w0-" + i);
                }
                assertEquals(expected, recovered, "cut at byte " + cut + " of " + whole.length);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aCrashBetweenMovingTheJournalIntoTheStoreAndDeletingItRepeatsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outbox");
        Process child = child("handover", file.toString(), "30", "20");
        assertEquals(List.of("READY"), readUntilKilled(child, "READY", 1).stream().map(line -> "READY").toList());
        assertEquals(2, segments(file).size(), "the moved segment (put back) and the one after it");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("moved-" + i);
        }
        for (int i = 0; i < 20; i++) {
            expected.add("journaled-" + i);
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            assertEquals(expected, ids(reopened.recovered()), "each write once, in order");
        }
        assertEquals(List.of(), segments(file));
        try (Outbox again = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            assertEquals(expected, ids(again.recovered()), "left in the store by the closed process, still once each");
        }
        assertEquals(List.of(), failures);
    }

    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), OutboxChildProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the child's lines starting with {@code prefix} (the rest of each) and SIGKILLs it after {@code count}. */
    private static List<String> readUntilKilled(Process child, String prefix, int count) throws Exception {
        List<String> seen = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (seen.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("FAILED")) {
                    throw new AssertionError("the child's outbox failed: " + line);
                }
                if (line.startsWith(prefix)) {
                    seen.add(line.substring(prefix.length()));
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(count, seen.size(), "the child stopped early");
        return seen;
    }

    private static List<Path> segments(Path file) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(file + ".locks"))) {
            return files.filter(path -> path.getFileName().toString().startsWith("journal-"))
                    .sorted().toList();
        }
    }

    /** Where each record of a segment ends, from the frames' length fields; element 0 is the end of the header. */
    private static List<Long> recordEnds(byte[] segment) {
        List<Long> ends = new ArrayList<>(List.of(8L));
        ByteBuffer frames = ByteBuffer.wrap(segment);
        long offset = 8;
        while (offset + 8 <= segment.length && offset + 8 + frames.getInt((int) offset) <= segment.length) {
            offset += 8 + frames.getInt((int) offset);
            ends.add(offset);
        }
        return ends;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(path, to.resolve(from.relativize(path)));
            }
        }
    }

    private static List<String> ids(List<Outbox.RecoveredWrite> writes) {
        return writes.stream().map(write -> write.entry().transactionId()).toList();
    }
}
