package dev.lunora.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.WriteRejection;
import dev.lunora.runtime.outbox.StorageFailure;
import dev.lunora.server.LunoraServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox under faults, with a real server, real sockets and real processes: whatever breaks, nothing is lost and
 * nothing is applied twice (a crash may leave a write to be sent again, never a hole).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OutboxFaultTest {
    private static final int KILL_TRIALS = 30;
    private final String user = UUID.randomUUID().toString();
    private final List<WriteRejection> rejections = new CopyOnWriteArrayList<>();

    @Test
    void anAnswerLostAfterTheServerCommittedIsResentAndAppliedOnce(@TempDir Path dir) throws Exception {
        try (LunoraServer server = ChatCrashTest.startServer(dir, 0);
             ResponseDroppingProxy proxy = new ResponseDroppingProxy(server.port(), 1)) {
            Id<Channel> general = createChannel(server, "general");
            try (LunoraCollections db = open(URI.create("http://127.0.0.1:" + proxy.port()), dir.resolve("outbox"))) {
                ActionResult<Message> sent = send(db, general, "said once");
                sent.transaction().isPersisted().get(60, TimeUnit.SECONDS);
                assertEquals(1, proxy.dropped(), "the first answer was cut after the server committed");
            }
            List<Message> rows = messages(server, general);
            assertEquals(List.of("said once"), rows.stream().map(Message::text).toList());
            assertEquals(List.of(), rejections, "the resend was recognised by its idempotency key, not refused");
        }
    }

    @Test
    void aServerStoppedMidDrainLosesNothingAndDoublesNothing(@TempDir Path dir) throws Exception {
        LunoraServer server = ChatCrashTest.startServer(dir, 0);
        int port = server.port();
        Id<Channel> general = createChannel(server, "general");
        server.close();
        List<String> sent = new ArrayList<>();
        try (LunoraCollections db = open(server.origin(), dir.resolve("outbox"))) {
            for (int i = 0; i < 1_200; i++) {
                sent.add(send(db, general, "w" + i).id().value());
            }
            server = ChatCrashTest.startServer(dir, port);
            LunoraServer running = server;
            await(() -> messages(running, general).size() >= 100);
            server.close();
            server = ChatCrashTest.startServer(dir, port);
            await(() -> db.db().pendingCount() == 0);
        }
        try {
            List<Message> rows = messages(server, general);
            assertEquals(sent.size(), rows.size(), "every write exactly once");
            assertEquals(new HashSet<>(sent), rows.stream().map(row -> row._id().value()).collect(Collectors.toSet()));
            assertEquals(List.of(), rejections);
        } finally {
            server.close();
        }
    }

    @Test
    void killingTheClientAtRandomPointsOfADrainNeverLosesOrDoublesAWrite(@TempDir Path dir) throws Exception {
        try (LunoraServer server = ChatCrashTest.startServer(dir, 0)) {
            Id<Channel> general = createChannel(server, "general");
            Random random = new Random(20261125L);
            for (int trial = 0; trial < KILL_TRIALS; trial++) {
                Path outbox = dir.resolve("outbox-" + trial);
                Set<String> before = messages(server, general).stream().map(row -> row._id().value())
                        .collect(Collectors.toSet());
                Process burst = ChatCrashTest.child("burst", server.origin().toString(), outbox.toString(), user,
                        general.value(), "40");
                List<String> queued = readQueuedUntilKilled(burst, random.nextInt(40));
                try (LunoraCollections replay = open(server.origin(), outbox)) {
                    await(() -> replay.db().pendingCount() == 0);
                }
                List<Message> added = messages(server, general).stream()
                        .filter(row -> !before.contains(row._id().value())).toList();
                Set<String> onServer = added.stream().map(row -> row._id().value()).collect(Collectors.toSet());
                assertTrue(onServer.containsAll(queued), "trial " + trial + ": a queued write was lost");
                // The child may make a few more writes between its last reported one and the kill; those are kept
                // too, but they must be the writes right after it (b0, b1, … with no hole), never anything else.
                Set<String> texts = added.stream().map(Message::text).collect(Collectors.toSet());
                Set<String> prefix = new HashSet<>();
                for (int i = 0; i < added.size(); i++) {
                    prefix.add("b" + i);
                }
                assertEquals(prefix, texts, "trial " + trial + ": the writes on the server are the child's first "
                        + added.size() + ", each once (" + queued.size() + " reported)");
                assertTrue(added.size() >= queued.size(), "trial " + trial);
            }
            List<Message> rows = messages(server, general);
            assertEquals(rows.size(), rows.stream().map(Message::_id).distinct().count());
            assertEquals(List.of(), rejections, "no write was applied twice (a second apply would be refused)");
        }
    }

    @Test
    void killingTheClientWhileItEnqueuesOfflineLosesAndDoublesNothingOnceItDrains(@TempDir Path dir) throws Exception {
        LunoraServer server = ChatCrashTest.startServer(dir, 0);
        int port = server.port();
        Id<Channel> general = createChannel(server, "general");
        server.close();
        Set<String> queued = new HashSet<>();
        for (int trial = 0; trial < 3; trial++) {
            // Offline: every write stays in the journal or the H2 file; the kill lands at a random point of the burst.
            Process burst = ChatCrashTest.child("burst", server.origin().toString(), dir.resolve("outbox").toString(),
                    user, general.value(), "100000");
            queued.addAll(readQueuedUntilKilled(burst, 300 + 400 * trial));
        }
        server = ChatCrashTest.startServer(dir, port);
        try {
            try (LunoraCollections replay = open(server.origin(), dir.resolve("outbox"))) {
                await(() -> replay.db().pendingCount() == 0);
            }
            List<Message> rows = messages(server, general);
            Set<String> onServer = rows.stream().map(row -> row._id().value()).collect(Collectors.toSet());
            assertEquals(rows.size(), onServer.size(), "no write applied twice");
            assertTrue(onServer.containsAll(queued), "every write whose action returned reached the server: "
                    + queued.stream().filter(id -> !onServer.contains(id)).count() + " missing");
            assertEquals(List.of(), rejections);
        } finally {
            server.close();
        }
    }

    @Test
    void anOutboxHeldByAProcessThatDoesNotShareItIsReportedAndWritesContinueInMemory(@TempDir Path dir)
            throws Exception {
        try (LunoraServer server = ChatCrashTest.startServer(dir, 0)) {
            Id<Channel> general = createChannel(server, "general");
            Path outbox = dir.resolve("outbox");
            Process holder = ChatCrashTest.child("hold", outbox.toString());
            try {
                assertEquals("HELD", ChatCrashTest.firstLine(holder));
                List<StorageFailure> failures = new CopyOnWriteArrayList<>();
                LunoraClient client = LunoraClient.builder(server.origin()).token(user).outbox(outbox).build();
                try (LunoraCollections db = LunoraCollections.create(client,
                        LunoraOptions.builder().onStorageFailure(failures::add).build())) {
                    assertEquals(1, failures.size());
                    assertEquals("STORAGE_LOCKED", failures.get(0).code());
                    assertFalse(db.db().isDurable(), "the app is told its writes are not durable");
                    send(db, general, "kept in memory").transaction().isPersisted().get(30, TimeUnit.SECONDS);
                }
                assertEquals(List.of("kept in memory"), messages(server, general).stream().map(Message::text)
                        .toList());
            } finally {
                holder.destroyForcibly();
                holder.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads the child's QUEUED lines and kills it with SIGKILL after {@code killAfter} of them. */
    private static List<String> readQueuedUntilKilled(Process child, int killAfter) throws Exception {
        List<String> queued = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while (queued.size() <= killAfter && (line = lines.readLine()) != null) {
            if (line.startsWith("QUEUED ")) {
                queued.add(line.substring("QUEUED ".length()));
            }
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        return queued;
    }

    private ActionResult<Message> send(LunoraCollections db, Id<Channel> channel, String text) {
        return db.actions().messages(channel, text, Id.of(user));
    }

    private LunoraCollections open(URI origin, Path outbox) {
        LunoraClient client = LunoraClient.builder(origin).token(user).outbox(outbox).build();
        return LunoraCollections.create(client, LunoraOptions.builder().onWriteRejected(rejections::add).build());
    }

    private Id<Channel> createChannel(LunoraServer server, String name) {
        return LunoraClient.builder(server.origin()).token(user).build()
                .mutation(Api.channels.create, new Api.ChannelsFunctions.CreateArgs(null, name));
    }

    static List<Message> messages(LunoraServer server, Id<Channel> channel) {
        return LunoraClient.builder(server.origin()).build()
                .query(Api.messages.list, new Api.MessagesFunctions.ListArgs(channel));
    }

    static void await(BooleanSupplier condition) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("condition not reached within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
