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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscription never keeps a value the database has moved past: not when a commit lands while its resubscribe
 * waits on the hub, nor after a run failed with an internal error.
 */
class LiveQueryRecoveryTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Holds the hub's thread until {@link #release} opens; reads nothing, so no commit re-runs it. */
    private final QueryRef<NoArgs, String> hold = QueryRef.of("test:hold", NoArgs.class, String.class,
            (ctx, args) -> {
                entered.countDown();
                TestApp.await(release);
                return "released";
            });

    /** The channel's messages; a bug in it fails every run that sees a message reading "boom". */
    private final QueryRef<ListArgs, List<Message>> fragile = QueryRef.of("test:fragile", ListArgs.class,
            GenericType.of(List.class, Message.class), (ctx, args) -> {
                List<Message> messages = ctx.db().query(Message.class).where("channelId", args.channelId())
                        .collect();
                if (messages.stream().anyMatch(message -> message.text().equals("boom"))) {
                    throw new IllegalStateException("a bug in the query");
                }
                return messages;
            });

    private LunoraServer start() {
        return servers.start(LunoraServer.builder(new LunoraApp(List.of(Message.class),
                List.of(TestApp.LIST, TestApp.SEND, TestApp.EDIT, hold, fragile))), dir);
    }

    private static String subscribe(String id, String query, String args, String resume) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"query\":{\"functionPath\":\"" + query
                + "\",\"args\":" + args + ",\"table\":\"" + query + "\"" + resume + "}}";
    }

    private static String send(TestHttp http, String text) throws Exception {
        TestHttp.Reply reply = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"" + text + "\"}");
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("result").asText();
    }

    /** The next frame, waiting up to ten seconds. */
    private static JsonNode next(TestSocket socket) throws Exception {
        Optional<String> frame = socket.poll(10_000);
        assertTrue(frame.isPresent(), "no frame within 10 s");
        return WireJson.parse(frame.get());
    }

    @Test
    void aCommitLandingWhileAResubscribeWaitsIsDeliveredAsData() throws Exception {
        LunoraServer server = start();
        TestHttp http = new TestHttp(server.origin());
        send(http, "one");
        String general = "{\"channelId\":\"general\"}";
        try (TestSocket first = TestSocket.open(server.origin(), "");
             TestSocket holder = TestSocket.open(server.origin(), "");
             TestSocket again = TestSocket.open(server.origin(), "")) {
            first.send(subscribe("sub_1", "messages:list", general, ""));
            first.expect("ack");
            JsonNode data = first.expect("data");
            String since = ",\"sinceSeq\":" + data.get("cursor").asLong() + ",\"sinceEpoch\":\""
                    + data.get("epoch").asText() + "\"";
            try {
                holder.send(subscribe("sub_hold", "test:hold", "{}", ""));
                assertTrue(entered.await(10, TimeUnit.SECONDS), "the hold query never ran");
                again.send(subscribe("sub_1", "messages:list", general, since));
                // Frames of a socket are handled in order: the pong means the resubscribe is queued on the hub.
                again.send("lunora-ping");
                assertEquals("lunora-pong", again.nextText());
                send(http, "two");
            } finally {
                release.countDown();
            }
            again.expect("ack");
            JsonNode answer = next(again);
            assertEquals("data", answer.path("type").asText(), "a resume would keep the value without \"two\": "
                    + answer);
            assertEquals(2, answer.get("data").size(), answer.toString());
            assertEquals("two", answer.get("data").get(1).get("text").asText());
        }
    }

    @Test
    void aQueryFailingInternallyRecoversOnTheNextCommitToWhatItRead() throws Exception {
        LunoraServer server = start();
        TestHttp http = new TestHttp(server.origin());
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("sub_1", "test:fragile", "{\"channelId\":\"general\"}", ""));
            socket.expect("ack");
            assertEquals(0, socket.expect("data").get("data").size());
            String id = send(http, "boom");
            JsonNode error = next(socket);
            assertEquals("error", error.path("type").asText(), error.toString());
            assertEquals("INTERNAL", error.get("error").get("code").asText());
            TestHttp.Reply edit = http.rpc("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"defused\"}");
            assertEquals(200, edit.status(), edit.body().toString());
            JsonNode recovered = next(socket);
            assertEquals("data", recovered.path("type").asText(), recovered.toString());
            assertEquals("defused", recovered.get("data").get(0).get("text").asText());
        }
    }
}
