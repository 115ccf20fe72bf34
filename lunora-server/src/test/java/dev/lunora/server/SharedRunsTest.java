package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.GenericType;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.QueryRef;
import dev.lunora.protocol.wire.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a commit, subscribers of one query share its run when they see the same rows, and only then: the queries
 * here count their runs, and every socket checks that it got exactly the rows its user may see.
 */
class SharedRunsTest {
    private static final TableRules<Message> PRIVATE_UNLESS_PUBLIC = TableRules.of(Message.class)
            .read((auth, row) -> row.userId() == null || auth.userId().map(row.userId()::equals).orElse(false));

    @TempDir
    Path dir;

    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    private final AtomicInteger runs = new AtomicInteger();

    /** The channel's messages; the body never asks who is calling. */
    private final QueryRef<ListArgs, List<Message>> channel = QueryRef.of("counted:channel", ListArgs.class,
            GenericType.of(List.class, Message.class), (ctx, args) -> {
                runs.incrementAndGet();
                return ctx.db().query(Message.class).where("channelId", args.channelId()).collect();
            });

    /** The caller's own messages of the channel, filtered by the body itself (no row rule). */
    private final QueryRef<ListArgs, List<Message>> mine = QueryRef.of("counted:mine", ListArgs.class,
            GenericType.of(List.class, Message.class), (ctx, args) -> {
                runs.incrementAndGet();
                String me = ctx.auth().userId().orElse(null);
                return ctx.db().query(Message.class).where("channelId", args.channelId()).collect().stream()
                        .filter(row -> Objects.equals(row.userId(), me)).toList();
            });

    private LunoraServer start(boolean rules) {
        LunoraServer.Builder builder = LunoraServer.builder(new LunoraApp(List.of(Message.class),
                        List.of(channel, mine, TestApp.SEND)))
                .tokenVerifier(Optional::of);
        if (rules) {
            builder.rules(PRIVATE_UNLESS_PUBLIC);
        }
        return servers.start(builder, dir);
    }

    private static TestSocket subscribe(LunoraServer server, String user, String query) throws Exception {
        TestSocket socket = TestSocket.open(server.origin(), user == null ? "" : "?token=" + user);
        socket.send("{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"" + query
                + "\",\"args\":{\"channelId\":\"general\"},\"table\":\"" + query + "\"}}");
        assertEquals("ack", socket.next().get("type").asText());
        assertEquals("data", socket.next().get("type").asText());
        return socket;
    }

    private static void send(LunoraServer server, String user, String text) throws Exception {
        String body = "{\"channelId\":\"general\",\"text\":\"" + text + "\"}";
        TestHttp http = new TestHttp(server.origin());
        TestHttp.Reply reply = user == null ? http.rpc("messages:send", body)
                : http.rpc("messages:send", body, "authorization", "Bearer " + user);
        assertEquals(200, reply.status(), reply.body().toString());
    }

    private static List<String> texts(JsonNode frame) {
        assertEquals("data", frame.get("type").asText(), frame.toString());
        List<String> texts = new ArrayList<>();
        frame.get("data").forEach(row -> texts.add(row.get("text").asText()));
        return texts;
    }

    @Test
    void subscribersOfAQueryThatNeverAsksWhoIsCallingShareOneRunAndOneFrame() throws Exception {
        LunoraServer server = start(false);
        List<TestSocket> sockets = new ArrayList<>();
        for (String user : new String[] {"ann", "bob", null, "ann"}) {
            sockets.add(subscribe(server, user, "counted:channel"));
        }
        runs.set(0);
        send(server, "ann", "hello");
        List<String> frames = new ArrayList<>();
        for (TestSocket socket : sockets) {
            frames.add(socket.nextText());
        }
        assertEquals(1, runs.get(), "one run for every subscriber");
        assertEquals(List.of("hello"), texts(WireJson.parse(frames.get(0))));
        frames.forEach(frame -> assertEquals(frames.get(0), frame));
        sockets.forEach(TestSocket::close);
    }

    @Test
    void everySocketGetsEveryCommitsFrameInCommitOrder() throws Exception {
        LunoraServer server = start(false);
        List<TestSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sockets.add(subscribe(server, null, "counted:channel"));
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add("m" + i);
            send(server, null, "m" + i);
        }
        for (TestSocket socket : sockets) {
            long lastCursor = 0;
            for (int i = 0; i < sent.size(); i++) {
                JsonNode frame = socket.next();
                assertEquals(sent.subList(0, i + 1), texts(frame));
                long cursor = frame.get("cursor").asLong();
                assertTrue(cursor > lastCursor, "cursors grow: " + frame);
                lastCursor = cursor;
            }
        }
        sockets.forEach(TestSocket::close);
    }

    @Test
    void aQueryThatAsksWhoIsCallingRunsOncePerUser() throws Exception {
        LunoraServer server = start(false);
        TestSocket ann = subscribe(server, "ann", "counted:mine");
        TestSocket annAgain = subscribe(server, "ann", "counted:mine");
        TestSocket bob = subscribe(server, "bob", "counted:mine");
        runs.set(0);
        send(server, "ann", "ann's");
        assertEquals(List.of("ann's"), texts(ann.next()));
        assertEquals(List.of("ann's"), texts(annAgain.next()));
        assertEquals("settled", bob.next().get("type").asText());
        assertEquals(2, runs.get(), "one run for ann's two sockets, one for bob's");
        List.of(ann, annAgain, bob).forEach(TestSocket::close);
    }

    @Test
    void rowsARuleHidesNeverReachSubscribersSharingTheQuery() throws Exception {
        LunoraServer server = start(true);
        TestSocket ann = subscribe(server, "ann", "counted:channel");
        TestSocket bob = subscribe(server, "bob", "counted:channel");
        TestSocket anonymous = subscribe(server, null, "counted:channel");

        send(server, null, "public");
        for (TestSocket socket : List.of(ann, bob, anonymous)) {
            assertEquals(List.of("public"), texts(socket.next()));
        }
        send(server, "ann", "secret of ann");
        assertEquals(List.of("public", "secret of ann"), texts(ann.next()));
        for (TestSocket socket : List.of(bob, anonymous)) {
            JsonNode frame = socket.next();
            assertEquals("settled", frame.get("type").asText(), frame.toString());
        }
        send(server, "bob", "bob's");
        assertEquals(List.of("public", "bob's"), texts(bob.next()));
        for (TestSocket socket : List.of(ann, anonymous)) {
            JsonNode frame = socket.next();
            assertEquals("settled", frame.get("type").asText(), frame.toString());
            assertFalse(frame.toString().contains("bob's"));
        }
        assertTrue(bob.poll(200).isEmpty());
        List.of(ann, bob, anonymous).forEach(TestSocket::close);
    }
}
