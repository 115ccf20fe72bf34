package dev.lunora.runtime.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's framing on real files: what a torn or corrupt tail leaves, rotation, an unknown layout. */
class OutboxJournalTest {
    @Test
    void aSegmentCutAtEveryByteOfItsLastRecordsGivesBackExactlyTheCompleteOnes(@TempDir Path dir) throws IOException {
        OutboxJournal journal = OutboxJournal.create(dir, "owner", false);
        List<Long> ends = new ArrayList<>();
        long seq = 1;
        for (int group = 0; group < 4; group++) {
            List<OutboxStore.Serialized> writes = new ArrayList<>();
            for (int i = 0; i <= group; i++) {
                writes.add(write("g" + group + "-" + i, seq++));
            }
            append(journal, writes);
        }
        journal.close();
        Path segment = OutboxJournal.segments(dir, "owner").get(0);
        byte[] whole = Files.readAllBytes(segment);
        OutboxJournal.Read full = OutboxJournal.read(segment);
        assertEquals(10, full.writes().size());
        assertEquals(whole.length, full.validBytes());
        assertEquals(whole.length, offsetAfter(whole, 10));
        // The record boundaries, from the frames' length fields.
        for (int records = 0; records <= 10; records++) {
            ends.add(records == 0 ? 8L : offsetAfter(whole, records));
        }
        Path cut = dir.resolve("cut.log");
        long firstChecked = ends.get(7);
        for (long length = firstChecked; length <= whole.length; length++) {
            Files.write(cut, Arrays.copyOf(whole, (int) length));
            OutboxJournal.Read read = OutboxJournal.read(cut);
            int complete = 0;
            while (complete < 10 && ends.get(complete + 1) <= length) {
                complete++;
            }
            assertEquals(complete, read.writes().size(), "cut at byte " + length);
            assertEquals(ends.get(complete), read.validBytes(), "cut at byte " + length);
            for (int i = 0; i < complete; i++) {
                assertEquals(full.writes().get(i), read.writes().get(i), "record " + i + " intact, cut at " + length);
            }
        }
    }

    @Test
    void aCorruptByteEndsTheSegmentAtTheRecordItIsIn(@TempDir Path dir) throws IOException {
        OutboxJournal journal = OutboxJournal.create(dir, "owner", true);
        append(journal, List.of(write("a", 1), write("b", 2), write("c", 3)));
        journal.close();
        Path segment = OutboxJournal.segments(dir, "owner").get(0);
        byte[] bytes = Files.readAllBytes(segment);
        long afterFirst = offsetAfter(bytes, 1);
        long afterSecond = offsetAfter(bytes, 2);
        for (long at = afterFirst; at < afterSecond; at++) {
            byte[] corrupt = bytes.clone();
            corrupt[(int) at] ^= 0x40;
            Path copy = dir.resolve("corrupt.log");
            Files.write(copy, corrupt);
            OutboxJournal.Read read = OutboxJournal.read(copy);
            assertEquals(List.of("a"), read.writes().stream().map(w -> w.entry().transactionId()).toList(),
                    "a flipped bit at byte " + at);
            assertEquals(afterFirst, read.validBytes());
        }
    }

    @Test
    void sealingStartsANewSegmentAndReadingReturnsEveryFieldAsAppended(@TempDir Path dir) throws IOException {
        OutboxJournal journal = OutboxJournal.create(dir, "owner", true);
        assertEquals(Optional.empty(), journal.seal(), "nothing to move yet");
        OutboxEntry retried = OutboxChildProcess.entry("x").withSeq(41).retryAt(777, "INTERNAL: refused");
        OutboxStore.Serialized first = OutboxStore.Serialized.of(new OutboxEntry(41, "x", "m-x", "c", "c:add",
                retried.args(), retried.row(), "x", Optional.of("id-digest"), 5L, 1, 777,
                Optional.of("INTERNAL: refused")));
        append(journal, List.of(first));
        OutboxJournal.Sealed sealed = journal.seal().orElseThrow();
        assertEquals(List.of(first), sealed.writes());
        append(journal, List.of(write("y", 42)));
        journal.close();
        List<Path> segments = OutboxJournal.segments(dir, "owner");
        assertEquals(List.of(sealed.segment(), segments.get(1)), segments, "oldest first");
        assertEquals(List.of(first), OutboxJournal.read(segments.get(0)).writes());
        journal.delete(sealed.segment(), true);
        assertEquals(1, OutboxJournal.segments(dir, "owner").size());
        assertEquals(List.of(), OutboxJournal.segments(dir, "another"), "segments are per owner");
    }

    @Test
    void aSegmentOfAnotherLayoutIsReportedNotReplayed(@TempDir Path dir) throws IOException {
        Path foreign = Files.write(dir.resolve("journal-owner-0.log"), "LUNJRNL\u0002 and more".getBytes());
        IOException error = assertThrows(IOException.class, () -> OutboxJournal.read(foreign));
        assertTrue(error.getMessage().contains("not an outbox journal of this version"), error.getMessage());
        assertTrue(Files.exists(foreign), "left as it is");
    }

    private static void append(OutboxJournal journal, List<OutboxStore.Serialized> writes) throws IOException {
        journal.append(writes, writes.stream().map(OutboxJournal::encode).toList(), false);
    }

    /** Where record number {@code records} ends, walking the frames' length fields (8-byte header, 8-byte frame). */
    private static long offsetAfter(byte[] whole, int records) {
        ByteBuffer frames = ByteBuffer.wrap(whole);
        int offset = 8;
        for (int i = 0; i < records; i++) {
            offset += 8 + frames.getInt(offset);
        }
        return offset;
    }

    private static OutboxStore.Serialized write(String transactionId, long seq) {
        return OutboxStore.Serialized.of(OutboxChildProcess.entry(transactionId).withSeq(seq));
    }
}
