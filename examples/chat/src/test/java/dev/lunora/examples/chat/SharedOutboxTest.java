package dev.lunora.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.WriteRejection;
import dev.lunora.server.LunoraServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several client processes on one outbox file, with a real server: exactly one leader sends every process's writes,
 * each process learns the verdicts on its own, and when the leader is killed another takes over and nothing is lost
 * or applied twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharedOutboxTest {
    private final String user = UUID.randomUUID().toString();

    @Test
    void whenTheLeaderProcessIsKilledTheOtherTakesOverAndTheServerHasEveryWriteOnce(@TempDir Path dir)
            throws Exception {
        try (LunoraServer server = ChatCrashTest.startServer(dir, 0)) {
            Id<Channel> general = channel(server);
            String outbox = dir.resolve("outbox").toString();
            Output first = new Output(ChatCrashTest.child("shared", server.origin().toString(), outbox, user,
                    general.value(), "100000", "a"));
            Output second = null;
            try {
                first.await("LEADER true");
                second = new Output(ChatCrashTest.child("shared", server.origin().toString(), outbox, user,
                        general.value(), "60", "b"));
                second.await("LEADER false");
                Output follower = second;
                OutboxFaultTest.await(() -> follower.count("PERSISTED ") >= 5);
                first.process.destroyForcibly();
                assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
                long killedAt = System.nanoTime();

                second.await("LEADER true");
                long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                assertTrue(takeoverMillis < 15_000, "the survivor took over in " + takeoverMillis + " ms");
                OutboxFaultTest.await(() -> follower.count("QUEUED ") == 60 && follower.count("PERSISTED ") == 60);
                assertEquals(0, second.count("REJECTED "), "no write was applied twice (a second apply is refused)");

                Set<String> queued = new HashSet<>(first.ids("QUEUED "));
                queued.addAll(second.ids("QUEUED "));
                OutboxFaultTest.await(() -> onServer(server, general).containsAll(queued));
                List<Message> rows = OutboxFaultTest.messages(server, general);
                assertEquals(rows.size(), rows.stream().map(Message::_id).distinct().count(), "no write twice");
                assertTrue(rows.size() <= queued.size() + 1,
                        "at most the killed leader's one unreported write beyond those reported: " + rows.size()
                                + " rows, " + queued.size() + " reported");
            } finally {
                first.process.destroyForcibly();
                if (second != null) {
                    second.process.destroyForcibly();
                    second.process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void aFollowersWritesAreSentByTheLeaderAndTheFollowerLearnsTheirVerdicts(@TempDir Path dir) throws Exception {
        try (LunoraServer server = ChatCrashTest.startServer(dir, 0)) {
            Id<Channel> general = channel(server);
            Path outbox = dir.resolve("outbox");
            Output leader = new Output(ChatCrashTest.child("shared", server.origin().toString(), outbox.toString(),
                    user, general.value(), "0", "unused"));
            try {
                leader.await("LEADER true");
                List<Boolean> leadership = new CopyOnWriteArrayList<>();
                List<WriteRejection> rejections = new CopyOnWriteArrayList<>();
                LunoraClient client = LunoraClient.builder(server.origin()).token(user).outbox(outbox).build();
                try (LunoraCollections db = LunoraCollections.create(client, LunoraOptions.builder()
                        .onLeadershipChange(leadership::add).onWriteRejected(rejections::add).build())) {
                    OutboxFaultTest.await(() -> !leadership.isEmpty());
                    ActionResult<Message> sent = send(db, general, "from the follower");
                    assertTrue(db.db().isDurable(), "a follower stores its writes in the shared file");
                    ActionResult<Message> refused = send(db, general, " ");
                    sent.transaction().isPersisted().get(60, TimeUnit.SECONDS);
                    ExecutionException failed = assertThrows(ExecutionException.class,
                            () -> refused.transaction().isPersisted().get(60, TimeUnit.SECONDS));
                    assertEquals("VALIDATION_ERROR", ((LunoraException) failed.getCause()).code());
                    OutboxFaultTest.await(() -> db.db().pendingCount() == 0);
                    assertEquals(List.of("VALIDATION_ERROR"), rejections.stream().map(WriteRejection::code).toList(),
                            "the rejection is delivered once, by the process that made the write");
                    assertEquals(List.of(false), leadership, "this process never sent: the leader did");
                }
                assertEquals(List.of("from the follower"), OutboxFaultTest.messages(server, general).stream()
                        .map(Message::text).toList());
                assertEquals(0, leader.count("REJECTED "), "the leader does not deliver another process's rejection");
            } finally {
                leader.process.destroyForcibly();
                leader.process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Id<Channel> channel(LunoraServer server) {
        return LunoraClient.builder(server.origin()).token(user).build()
                .mutation(Api.channels.create, new Api.ChannelsFunctions.CreateArgs(null, "general"));
    }

    private ActionResult<Message> send(LunoraCollections db, Id<Channel> channel, String text) {
        return db.actions().messages(channel, text, Id.of(user));
    }

    private static Set<String> onServer(LunoraServer server, Id<Channel> channel) {
        return OutboxFaultTest.messages(server, channel).stream().map(row -> row._id().value())
                .collect(Collectors.toSet());
    }

    /** The lines a child process prints, read as they come. */
    private static final class Output {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Output(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // The process was killed: its output ends here.
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
        }

        void await(String line) throws Exception {
            OutboxFaultTest.await(() -> lines.contains(line));
        }

        long count(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix)).count();
        }

        List<String> ids(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length())).toList();
        }
    }
}
