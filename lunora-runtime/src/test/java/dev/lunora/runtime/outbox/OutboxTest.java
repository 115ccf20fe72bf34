package dev.lunora.runtime.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real H2 file: order, durability across reopen, the acknowledged phase, storage failure. */
class OutboxTest {
    private final List<StorageFailure> failures = new ArrayList<>();

    @Test
    void writesSurviveReopenInOrderUnderTheSameClientId(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        String clientId;
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            clientId = outbox.clientId();
            outbox.append(entry("a", "first"));
            outbox.append(entry("b", "second"));
            assertEquals(2, outbox.pendingCount());
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            assertEquals(clientId, reopened.clientId());
            List<Outbox.RecoveredWrite> recovered = reopened.recovered();
            assertEquals(List.of("a", "b"), recovered.stream().map(write -> write.entry().transactionId()).toList());
            assertTrue(recovered.stream().allMatch(write -> write.compatible() && !write.acknowledged()));
            assertEquals("second", recovered.get(1).entry().args().get("text").asText());
            assertEquals(0, reopened.pendingCount(), "recovered writes wait for the caller to requeue them");
        }
        assertTrue(failures.isEmpty());
    }

    @Test
    void acknowledgedWriteIsRemovedAndACrashBeforeRemovalLeavesOnlyTheCleanUp(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            OutboxEntry done = outbox.append(entry("done", "x"));
            OutboxEntry interrupted = outbox.append(entry("interrupted", "y"));
            outbox.acknowledged(List.of(done), List.of(OptionalLong.empty()), entry -> { });
            assertThrows(IllegalStateException.class, () -> outbox.acknowledged(List.of(interrupted),
                    List.of(OptionalLong.empty()), entry -> {
                        throw new IllegalStateException("process dies while applying the ack");
                    }));
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            List<Outbox.RecoveredWrite> recovered = reopened.recovered();
            assertEquals(1, recovered.size());
            assertEquals("interrupted", recovered.get(0).entry().transactionId());
            assertTrue(recovered.get(0).acknowledged(), "the server's answer was recorded before the local effects");
        }
    }

    @Test
    void aRejectionSurvivesACrashBeforeItsCallback(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            OutboxEntry refused = outbox.append(entry("refused", "x"));
            OutboxEntry told = outbox.append(entry("told", "y"));
            outbox.rejected(List.of(told), new LunoraException("FORBIDDEN", "not yours"), entry -> { });
            assertThrows(IllegalStateException.class, () -> outbox.rejected(List.of(refused),
                    new LunoraException("CONFLICT", "taken"), entry -> {
                        throw new IllegalStateException("process dies before the callback");
                    }));
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            List<Outbox.RecoveredWrite> recovered = reopened.recovered();
            assertEquals(1, recovered.size(), "the verdict that was delivered is gone");
            assertEquals("refused", recovered.get(0).entry().transactionId());
            LunoraException stored = recovered.get(0).rejection().orElseThrow();
            assertEquals("CONFLICT", stored.code());
            assertEquals("taken", stored.getMessage());
        }
    }

    @Test
    void retryStateIsStored(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            OutboxEntry stored = outbox.append(entry("a", "x"));
            outbox.retry(stored.retryAt(12_345, "INTERNAL: connection refused"));
            assertEquals(1, outbox.pendingWrites().get(0).attempts());
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            OutboxEntry recovered = reopened.recovered().get(0).entry();
            assertEquals(1, recovered.attempts());
            assertEquals(12_345, recovered.nextAttemptAt());
            assertEquals(Optional.of("INTERNAL: connection refused"), recovered.lastError());
        }
    }

    @Test
    void unusableStorageIsReportedOnceAndWritesContinueInMemory(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        try (Outbox outbox = Outbox.open(Optional.of(notADirectory.resolve("outbox")), Durability.PROCESS_CRASH,
                failures::add)) {
            assertEquals(1, failures.size());
            assertEquals("STORAGE_ERROR", failures.get(0).code());
            assertFalse(outbox.isDurable());
            outbox.append(entry("a", "x"));
            outbox.append(entry("b", "y"));
            assertEquals(List.of("a", "b"), outbox.pendingWrites().stream().map(OutboxEntry::transactionId).toList());
            assertEquals(1, failures.size(), "reported once");
        }
    }

    @Test
    void readOnlyStorageIsReportedOnceAndKeepsWhatItHeld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outbox");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            outbox.append(entry("before", "x"));
        }
        Path dbFile = dir.resolve("outbox.mv.db");
        Assumptions.assumeTrue(chattr("+i", dbFile), "chattr +i is not available here; cannot make the file read-only "
                + "for root");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            outbox.append(entry("after", "y"));
            outbox.append(entry("later", "z"));
            assertEquals(1, failures.size(), "reported once: " + failures);
            assertEquals("STORAGE_READ_ONLY", failures.get(0).code(), failures.get(0).message());
            assertFalse(outbox.isDurable());
            assertEquals(List.of("after", "later"),
                    outbox.pendingWrites().stream().map(OutboxEntry::transactionId).toList());
        } finally {
            chattr("-i", dbFile);
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            assertEquals(List.of("before"), reopened.recovered().stream()
                    .map(write -> write.entry().transactionId()).toList(), "the stored write was kept");
        }
    }

    @Test
    void aJournalOfAnotherLayoutLeftByADeadProcessIsReportedAndKept(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("outbox");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            outbox.append(entry("kept", "x"));
        }
        String dead = UUID.randomUUID().toString();
        Path locks = dir.resolve("outbox.locks");
        Files.writeString(locks.resolve("owner-" + dead + ".lock"), "");
        Path foreign = Files.writeString(locks.resolve("journal-" + dead + "-0.log"), "LUNJRNL\u0009 a future layout");
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            assertEquals(1, failures.size());
            assertEquals("STORAGE_ERROR", failures.get(0).code());
            assertTrue(failures.get(0).message().contains(foreign.toString()), failures.get(0).message());
            assertFalse(outbox.isDurable());
        }
        assertEquals("LUNJRNL\u0009 a future layout", Files.readString(foreign), "left as it is, not replayed");
        Files.delete(foreign);
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            assertEquals(List.of("kept"), reopened.recovered().stream().map(write -> write.entry().transactionId())
                    .toList(), "the stored writes were not touched");
        }
        assertEquals(1, failures.size());
    }

    private static boolean chattr(String flag, Path file) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    @Test
    void concurrentWritersShareCommitsAndKeepTheirOwnOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outbox");
        int writers = 8;
        int each = 50;
        try (Outbox outbox = Outbox.open(Optional.of(file), Durability.POWER_LOSS, failures::add)) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "w" + w;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        outbox.append(entry(writer + "-" + i, writer));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(writers * each, outbox.pendingCount());
        }
        try (Outbox reopened = Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add)) {
            List<String> ids = reopened.recovered().stream().map(write -> write.entry().transactionId()).toList();
            assertEquals(writers * each, ids.size());
            for (int w = 0; w < writers; w++) {
                String prefix = "w" + w + "-";
                List<String> mine = ids.stream().filter(id -> id.startsWith(prefix)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    expected.add(prefix + i);
                }
                assertEquals(expected, mine, "each writer's writes are stored in the order it made them");
            }
        }
        assertTrue(failures.isEmpty());
    }

    @Test
    void backoffDoublesFromOneSecondToSixtyWithAtMostThirtyPercentJitter() {
        long[] bases = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (int failures = 0; failures < bases.length; failures++) {
            for (int sample = 0; sample < 200; sample++) {
                long delay = OutboxDrainer.backoff(failures);
                assertTrue(delay >= bases[failures] && delay <= bases[failures] * 13 / 10,
                        "retry " + failures + " waited " + delay);
            }
        }
        long afterManyFailures = OutboxDrainer.backoff(1_000);
        assertTrue(afterManyFailures >= 60_000 && afterManyFailures <= 78_000, "capped: " + afterManyFailures);
    }

    private static OutboxEntry entry(String transactionId, String text) {
        JsonNode args = WireJson.toWire(Map.of("text", text));
        return new OutboxEntry(0, transactionId, "m-" + transactionId, "messages", "messages:send", args,
                WireJson.toWire(Map.of("_id", transactionId)), transactionId, Optional.empty(), 1L, 0, 0,
                Optional.empty());
    }
}
