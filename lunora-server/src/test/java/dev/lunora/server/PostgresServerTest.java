package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's core rules on PostgreSQL (a cluster started from Debian's binaries, a fresh database per test), over
 * real sockets: RPC, the client id rule, idempotent replays, client sequences, batches, cursors and resumes, restarts.
 */
class PostgresServerTest {
    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @RegisterExtension
    final ServerFixture servers = ServerFixture.on(POSTGRES::storageFor);

    @TempDir
    Path dir;

    private TestHttp start() {
        return new TestHttp(servers.startTestApp(dir).origin());
    }

    private static JsonNode list(TestHttp http, String channel) throws Exception {
        return http.rpc("messages:list", "{\"channelId\":\"" + channel + "\"}").body().get("result");
    }

    private static String subscribe(String channel, String resume) {
        return "{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"messages:list\","
                + "\"args\":{\"channelId\":\"" + channel + "\"},\"table\":\"messages:list\"" + resume + "}}";
    }

    @Test
    void insertsAndQueriesOverRpcWithTypedAndJsonColumns() throws Exception {
        TestHttp http = start();
        TestHttp.Reply sent = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"hello\"}",
                "authorization", "Bearer ada");
        assertEquals(200, sent.status(), sent.body().toString());
        assertEquals(1, sent.body().get("commitCursor").asLong());
        JsonNode rows = list(http, "general");
        assertEquals(1, rows.size());
        assertEquals("hello", rows.get(0).get("text").asText());
        assertEquals("ada", rows.get(0).get("userId").asText());
        assertEquals(sent.body().get("result").asText(), rows.get(0).get("_id").asText());
        assertEquals(0, list(http, "other").size());
        assertEquals(200, http.rpc("notes:add", "{\"body\":\"note\"}").status());
        TestHttp.Reply broken = http.rpc("messages:broken", "{}");
        assertEquals("INTERNAL", broken.errorCode());
        assertEquals(0, list(http, "c").size(), "a failing body rolls back on PostgreSQL too");
    }

    @Test
    void clientIdsMustBeUuidsAndATakenOneIsConflict() throws Exception {
        TestHttp http = start();
        TestHttp.Reply bad = http.rpc("messages:send", "{\"channelId\":\"c\",\"id\":\"not-a-uuid\",\"text\":\"x\"}");
        assertEquals(400, bad.status());
        assertEquals("VALIDATION_ERROR", bad.errorCode());
        String id = UUID.randomUUID().toString();
        TestHttp.Reply first = http.rpc("messages:send", "{\"channelId\":\"c\",\"id\":\"" + id
                + "\",\"text\":\"first\"}");
        assertEquals(id, first.body().get("result").asText());
        TestHttp.Reply taken = http.rpc("messages:send", "{\"channelId\":\"c\",\"id\":\"" + id
                + "\",\"text\":\"second\"}");
        assertEquals(409, taken.status());
        assertEquals("CONFLICT", taken.errorCode());
        JsonNode rows = list(http, "c");
        assertEquals(1, rows.size());
        assertEquals("first", rows.get(0).get("text").asText(), "the row holding the id is unchanged");
    }

    @Test
    void aReplayedMutationIdReturnsTheStoredResultAndRunsNothing() throws Exception {
        TestHttp http = start();
        String send = "{\"channelId\":\"c\",\"text\":\"once\"}";
        TestHttp.Reply first = http.rpc("messages:send", send, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "device-1");
        TestHttp.Reply replay = http.rpc("messages:send", send, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "device-1");
        assertEquals(200, replay.status());
        assertEquals(first.body(), replay.body(), "same result and commit cursor");
        assertEquals(1, list(http, "c").size());
        assertEquals(200, http.rpc("messages:send", send, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "device-2").status(), "another identity is another key");
        assertEquals(2, list(http, "c").size());
    }

    @Test
    void clientSequencesAdvanceTheirWatermarkOnce() throws Exception {
        TestHttp http = start();
        String send = "{\"channelId\":\"c\",\"text\":\"seq\"}";
        assertEquals(1, http.rpc("messages:send", send, "x-lunora-client-id", "d", "x-lunora-client-seq", "1")
                .body().get("lastMutationId").asLong());
        TestHttp.Reply again = http.rpc("messages:send", send, "x-lunora-client-id", "d", "x-lunora-client-seq", "1");
        assertTrue(again.body().get("result").isNull(), again.body().toString());
        TestHttp.Reply gap = http.rpc("messages:send", send, "x-lunora-client-id", "d", "x-lunora-client-seq", "3");
        assertEquals("OUT_OF_ORDER", gap.errorCode());
        assertEquals(2, gap.body().get("error").get("data").get("expected").asLong());
        assertEquals(2, http.rpc("messages:send", send, "x-lunora-client-id", "d", "x-lunora-client-seq", "2")
                .body().get("lastMutationId").asLong());
        assertEquals(2, list(http, "c").size());
    }

    @Test
    void aBatchSharesOneCommitWithACursorPerEntryAndAFailingEntryRollsBackAlone() throws Exception {
        TestHttp http = start();
        TestHttp.Reply batch = http.post("/_lunora/rpc-batch", "{\"calls\":["
                + "{\"id\":0,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"b\",\"text\":\"1\"}},"
                + "{\"id\":1,\"functionPath\":\"messages:broken\",\"args\":{}},"
                + "{\"id\":2,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"b\",\"text\":\"2\"}}]}");
        assertEquals(200, batch.status(), batch.body().toString());
        JsonNode results = batch.body().get("results");
        assertEquals(1, results.get(0).get("body").get("commitCursor").asLong());
        assertEquals("INTERNAL", results.get(1).get("body").get("error").get("code").asText());
        assertEquals(2, results.get(2).get("body").get("commitCursor").asLong());
        assertEquals(2, list(http, "b").size());
    }

    @Test
    void subscriptionsGetDataThenResumeFromACurrentCursor() throws Exception {
        LunoraServer server = servers.startTestApp(dir);
        TestHttp http = new TestHttp(server.origin());
        long cursor;
        String epoch;
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("general", ""));
            socket.expect("ack");
            assertEquals(0, socket.expect("data").get("data").size());
            http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"one\"}");
            JsonNode pushed = socket.expect("data");
            assertEquals("one", pushed.get("data").get(0).get("text").asText());
            cursor = pushed.get("cursor").asLong();
            epoch = pushed.get("epoch").asText();
        }
        http.rpc("messages:send", "{\"channelId\":\"elsewhere\",\"text\":\"other channel\"}");
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(subscribe("general", ",\"sinceSeq\":" + cursor + ",\"sinceEpoch\":\"" + epoch + "\""));
            socket.expect("ack");
            JsonNode resume = socket.expect("resume");
            assertEquals(cursor + 1, resume.get("cursor").asLong());
            http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"two\"}");
            JsonNode pushed = socket.expect("data");
            assertEquals(2, pushed.get("data").size());
            assertEquals(cursor + 2, pushed.get("cursor").asLong());
        }
    }

    @Test
    void aRestartOnTheSameDatabaseKeepsRowsEpochAndCursor() throws Exception {
        LunoraServer first = servers.startTestApp(dir);
        TestHttp http = new TestHttp(first.origin());
        http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"one\"}");
        http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"two\"}");
        String epoch;
        try (TestSocket socket = TestSocket.open(first.origin(), "")) {
            socket.send(subscribe("c", ""));
            socket.expect("ack");
            epoch = socket.expect("data").get("epoch").asText();
        }
        first.close();
        LunoraServer second = servers.startTestApp(dir);
        http = new TestHttp(second.origin());
        assertEquals(2, list(http, "c").size());
        assertEquals(3, http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"three\"}").body()
                .get("commitCursor").asLong());
        try (TestSocket socket = TestSocket.open(second.origin(), "")) {
            socket.send(subscribe("c", ",\"sinceSeq\":3,\"sinceEpoch\":\"" + epoch + "\""));
            socket.expect("ack");
            JsonNode resume = socket.expect("resume");
            assertEquals(3, resume.get("cursor").asLong());
            assertEquals(epoch, resume.get("epoch").asText());
        }
    }
}
