package dev.lunora.runtime.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two outboxes on one H2 file, in one JVM (its locks behave like two processes'; the real processes are in the chat
 * example's fault tests): one leader, verdicts applied by the outbox that made the write, adoption of a closed one's
 * writes.
 */
class SharedOutboxTest {
    private final List<StorageFailure> failures = new ArrayList<>();

    @Test
    void exactlyOneOutboxOnAFileLeadsAndAnotherTakesOverWhenItCloses(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        Outbox first = open(file);
        try (Outbox second = open(file)) {
            assertTrue(first.tryLead());
            assertFalse(second.tryLead(), "the file already has a leader");
            assertEquals(first.clientId(), second.clientId(), "one logical client per file");
            first.close();
            assertTrue(second.tryLead(), "the leader lock is free once its holder is gone");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aFollowersWritesAreSentByTheLeaderAndTheirVerdictsAppliedByTheFollower(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        try (Outbox leader = open(file); Outbox follower = open(file)) {
            assertTrue(leader.tryLead());
            OutboxEntry own = leader.append(entry("own"));
            OutboxEntry accepted = follower.append(entry("accepted"));
            OutboxEntry refused = follower.append(entry("refused"));
            assertEquals(List.of("own"), ids(leader.pendingWrites()));
            assertTrue(leader.refresh().settled().isEmpty());
            assertEquals(List.of("own"), ids(leader.pendingWrites()),
                    "the follower's writes are still in its own journal");
            assertTrue(follower.refresh().settled().isEmpty(), "the follower's check moves its journal into the file");
            assertTrue(leader.refresh().settled().isEmpty());
            assertEquals(List.of("own", "accepted", "refused"), ids(leader.pendingWrites()),
                    "the leader takes in the follower's stored writes, in order");

            List<String> appliedByLeader = new ArrayList<>();
            leader.acknowledged(List.of(own, accepted), List.of(OptionalLong.empty(), OptionalLong.of(7)),
                    entry -> appliedByLeader.add(entry.transactionId()));
            leader.rejected(List.of(refused), new LunoraException("CONFLICT", "taken"),
                    entry -> appliedByLeader.add(entry.transactionId()));
            assertEquals(List.of("own"), appliedByLeader, "the leader applies only its own verdicts");
            assertEquals(0, leader.pendingCount());

            List<Outbox.RecoveredWrite> settled = follower.refresh().settled();
            assertEquals(List.of("accepted", "refused"), settled.stream().map(w -> w.entry().transactionId()).toList());
            assertTrue(settled.get(0).acknowledged());
            assertEquals(OptionalLong.of(7), settled.get(0).commitCursor());
            assertEquals("CONFLICT", settled.get(1).rejection().orElseThrow().code());
            settled.forEach(write -> follower.discard(List.of(write.entry())));
            assertTrue(follower.refresh().settled().isEmpty(), "each verdict is handed over once");
            assertEquals(0, follower.pendingCount());
        }
        try (Outbox reopened = open(file)) {
            assertEquals(List.of(), reopened.recovered(), "nothing is left in the file");
        }
    }

    @Test
    void aRefreshWhileAVerdictIsBeingAppliedDoesNotHandItOverAgain(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        try (Outbox leader = open(file); Outbox other = open(file)) {
            assertTrue(leader.tryLead());
            OutboxEntry own = leader.append(entry("own"));
            assertTrue(leader.refresh().settled().isEmpty());
            List<String> applied = new ArrayList<>();
            List<Outbox.RecoveredWrite> handedOverMeanwhile = new ArrayList<>();
            leader.acknowledged(List.of(own), List.of(OptionalLong.of(3)), entry -> {
                // The drainer's peer check runs on its own thread while the settler applies verdicts.
                handedOverMeanwhile.addAll(leader.refresh().settled());
                applied.add(entry.transactionId());
            });
            assertEquals(List.of("own"), applied);
            assertEquals(List.of(), handedOverMeanwhile, "the verdict is applied once, by the settler");
            assertTrue(leader.refresh().settled().isEmpty());
            assertTrue(other.refresh().settled().isEmpty());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theWritesOfAnOutboxThatIsGoneAreAdoptedOnceByALiveOne(@TempDir Path dir) {
        Path file = dir.resolve("outbox");
        try (Outbox survivor = open(file)) {
            Outbox gone = open(file);
            gone.append(entry("left behind"));
            assertEquals(List.of("left behind"), ids(gone.pendingWrites()));
            gone.close();
            List<Outbox.RecoveredWrite> adopted = survivor.refresh().adopted();
            assertEquals(List.of("left behind"), adopted.stream().map(w -> w.entry().transactionId()).toList());
            assertTrue(survivor.refresh().adopted().isEmpty(), "adopted once");
            try (Outbox newcomer = open(file)) {
                assertEquals(List.of(), newcomer.recovered(), "a live process's writes are not taken from it");
            }
        }
        assertEquals(List.of(), failures);
    }

    private Outbox open(Path file) {
        return Outbox.open(Optional.of(file), Durability.PROCESS_CRASH, failures::add);
    }

    private static List<String> ids(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::transactionId).toList();
    }

    private static OutboxEntry entry(String transactionId) {
        return new OutboxEntry(0, transactionId, "m-" + transactionId, "messages", "messages:send",
                WireJson.toWire(Map.of("text", transactionId)), WireJson.toWire(Map.of("_id", transactionId)),
                transactionId, Optional.empty(), 1L, 0, 0, Optional.empty());
    }
}
