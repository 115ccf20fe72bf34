package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Commit cursors, {@code resume}, {@code settled} and read ranges, over a real socket. */
class CursorTest {
    private static final int CHANGE_LOG = 3;

    @TempDir
    Path dir;

    private LunoraServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = startServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LunoraServer startServer() {
        LunoraServer started = TestApp.server().storage(ServerStorage.h2File(dir.resolve("server")))
                .changeLogSize(CHANGE_LOG).build().start();
        http = new TestHttp(started.origin());
        return started;
    }

    private String send(String channel, String text) throws Exception {
        TestHttp.Reply reply = http.rpc("messages:send", "{\"channelId\":\"" + channel + "\",\"text\":\"" + text
                + "\"}");
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("result").asText();
    }

    private static String subscribe(String id, String channel, String resume) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"query\":{\"functionPath\":\"messages:list\","
                + "\"args\":{\"channelId\":\"" + channel + "\"},\"table\":\"messages:list\"" + resume + "}}";
    }

    private static String since(long seq, String epoch) {
        return ",\"sinceSeq\":" + seq + ",\"sinceEpoch\":\"" + epoch + "\"";
    }

    private static JsonNode expect(TestSocket socket, String type) throws Exception {
        JsonNode frame = socket.next();
        assertEquals(type, frame.path("type").asText(), frame.toString());
        return frame;
    }

    /** Subscribes {@code general} on a fresh socket and returns its first data frame. */
    private JsonNode firstData(String resume) throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("sub_1", "general", resume));
            expect(socket, "ack");
            return socket.next();
        }
    }

    @Test
    void resubscribeWithACurrentCursorGetsResumeAndStaysLive() throws Exception {
        send("general", "one");
        JsonNode data = firstData("");
        long cursor = data.get("cursor").asLong();
        String epoch = data.get("epoch").asText();
        send("elsewhere", "other channel");
        assertEquals(200, http.rpc("notes:add", "{\"body\":\"other table\"}").status());

        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("sub_1", "general", since(cursor, epoch)));
            expect(socket, "ack");
            JsonNode resume = expect(socket, "resume");
            assertEquals(cursor + 2, resume.get("cursor").asLong());
            assertEquals(epoch, resume.get("epoch").asText());
            send("general", "two");
            JsonNode pushed = expect(socket, "data");
            assertEquals(2, pushed.get("data").size());
            assertEquals(cursor + 3, pushed.get("cursor").asLong());
        }
        assertEquals("data", firstData(since(cursor, epoch)).get("type").asText(), "general changed since");
    }

    @Test
    void resubscribeAfterAWriteThatLeftTheResultAloneGetsSettledAndStaysLive() throws Exception {
        String id = send("general", "same");
        JsonNode data = firstData("");
        long cursor = data.get("cursor").asLong();
        String epoch = data.get("epoch").asText();
        assertEquals(200, http.rpc("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"same\"}").status());

        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("sub_1", "general", since(cursor, epoch)));
            expect(socket, "ack");
            JsonNode settled = expect(socket, "settled");
            assertEquals(cursor + 1, settled.get("cursor").asLong());
            assertEquals(epoch, settled.get("epoch").asText());
            assertEquals(200, http.rpc("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"new\"}").status());
            assertEquals("new", expect(socket, "data").get("data").get(0).get("text").asText());
        }
        JsonNode changed = firstData(since(cursor, epoch));
        assertEquals("data", changed.get("type").asText(), "the result at that cursor is no longer the current one");
        assertEquals("new", changed.get("data").get(0).get("text").asText());
    }

    @Test
    void resubscribeWithACursorNeverSentForTheQueryGetsData() throws Exception {
        String id = send("general", "same");
        JsonNode data = firstData("");
        long cursor = data.get("cursor").asLong();
        String epoch = data.get("epoch").asText();
        send("elsewhere", "moves the cursor");
        assertEquals(200, http.rpc("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"same\"}").status());
        JsonNode answer = firstData(since(cursor + 1, epoch));
        assertEquals("data", answer.get("type").asText(), "no result of messages:list went out with cursor + 1");
    }

    @Test
    void staleEpochOrFutureCursorGetsDataAndOneOlderThanTheLogIsNotResumed() throws Exception {
        send("general", "one");
        JsonNode data = firstData("");
        long cursor = data.get("cursor").asLong();
        String epoch = data.get("epoch").asText();
        assertEquals("data", firstData(since(cursor, "another-epoch")).get("type").asText());
        assertEquals("data", firstData(since(cursor + 5, epoch)).get("type").asText(), "cursor from the future");
        for (int i = 0; i <= CHANGE_LOG; i++) {
            send("elsewhere", "unrelated " + i);
        }
        assertEquals("settled", firstData(since(cursor, epoch)).get("type").asText(),
                "older than the log, so not resume; the result sent with it is still the current one");
    }

    @Test
    void resumeSurvivesARestartWhenNothingCommittedSince() throws Exception {
        send("general", "one");
        JsonNode data = firstData("");
        server.close();
        server = startServer();
        JsonNode resume = firstData(since(data.get("cursor").asLong(), data.get("epoch").asText()));
        assertEquals("resume", resume.get("type").asText(), resume.toString());
        assertEquals(data.get("cursor").asLong(), resume.get("cursor").asLong());
    }

    @Test
    void aWriteToAnotherShardKeyDoesNotRerunTheQuery() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("sub_7", "7", ""));
            expect(socket, "ack");
            expect(socket, "data");
            socket.send(subscribe("sub_8", "8", ""));
            expect(socket, "ack");
            expect(socket, "data");
            send("8", "for eight");
            JsonNode pushed = expect(socket, "data");
            assertEquals("sub_8", pushed.get("id").asText());
            assertEquals(Optional.empty(), socket.poll(300), "list(7) must not re-run for a write to channel 8");
        }
    }

    @Test
    void aTouchedRangeWithAnIdenticalResultIsSettledNotResent() throws Exception {
        String id = send("general", "same");
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("sub_1", "general", ""));
            expect(socket, "ack");
            long cursor = expect(socket, "data").get("cursor").asLong();
            assertEquals(200, http.rpc("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"same\"}").status());
            JsonNode settled = expect(socket, "settled");
            assertEquals(cursor + 1, settled.get("cursor").asLong());
            assertEquals(200, http.rpc("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"changed\"}").status());
            assertEquals("changed", expect(socket, "data").get("data").get(0).get("text").asText());
        }
    }
}
