package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcTest {
    private static final String USER_HEADER = "authorization";

    @TempDir
    Path dir;

    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    private LunoraServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = servers.startTestApp(dir);
        http = new TestHttp(server.origin());
    }

    private JsonNode list(String channel) throws Exception {
        TestHttp.Reply reply = http.rpc("messages:list", "{\"channelId\":\"" + channel + "\"}");
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("result");
    }

    @Test
    void mutationThenQueryRoundTrips() throws Exception {
        TestHttp.Reply sent = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"hello\"}",
                USER_HEADER, "Bearer alice");
        assertEquals(200, sent.status(), sent.body().toString());
        String id = sent.body().get("result").asText();
        assertFalse(id.isBlank());
        assertEquals(1, sent.body().get("commitCursor").asLong());

        JsonNode rows = list("general");
        assertEquals(1, rows.size());
        assertEquals(id, rows.get(0).get("_id").asText());
        assertEquals("hello", rows.get(0).get("text").asText());
        assertEquals("alice", rows.get(0).get("userId").asText());
        assertTrue(rows.get(0).get("_creationTime").asLong() > 0);
        assertEquals(0, list("other").size());
    }

    @Test
    void clientIdIsStoredAsTheRowId() throws Exception {
        String clientId = UUID.randomUUID().toString();
        TestHttp.Reply sent = http.rpc("messages:send",
                "{\"channelId\":\"c\",\"id\":\"" + clientId + "\",\"text\":\"mine\"}");
        assertEquals(200, sent.status(), sent.body().toString());
        assertEquals(clientId, sent.body().get("result").asText());
        assertEquals(clientId, list("c").get(0).get("_id").asText());
    }

    @Test
    void badClientIdIsAValidationError() throws Exception {
        TestHttp.Reply sent = http.rpc("messages:send", "{\"channelId\":\"c\",\"id\":\"not-a-uuid\",\"text\":\"x\"}");
        assertEquals(400, sent.status());
        assertEquals("VALIDATION_ERROR", sent.errorCode());
        assertEquals(0, list("c").size());
    }

    @Test
    void takenClientIdIsAConflictAndLeavesTheRowAlone() throws Exception {
        String clientId = UUID.randomUUID().toString();
        assertEquals(200, http.rpc("messages:send",
                "{\"channelId\":\"c\",\"id\":\"" + clientId + "\",\"text\":\"original\"}").status());
        TestHttp.Reply again = http.rpc("messages:send",
                "{\"channelId\":\"c\",\"id\":\"" + clientId + "\",\"text\":\"forged\"}");
        assertEquals(409, again.status());
        assertEquals("CONFLICT", again.errorCode());
        JsonNode rows = list("c");
        assertEquals(1, rows.size());
        assertEquals("original", rows.get(0).get("text").asText());
    }

    @Test
    void sameMutationIdRunsOnce() throws Exception {
        String body = "{\"channelId\":\"c\",\"text\":\"once\"}";
        TestHttp.Reply first = http.rpc("messages:send", body, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "client-a");
        TestHttp.Reply second = http.rpc("messages:send", body, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "client-a");
        assertEquals(200, second.status());
        assertEquals(first.body(), second.body());
        assertEquals(1, list("c").size());

        TestHttp.Reply otherClient = http.rpc("messages:send", body, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "client-b");
        assertEquals(2, otherClient.body().get("commitCursor").asLong());
        assertEquals(2, list("c").size());
    }

    @Test
    void idempotencyIsScopedToTheSignedInUser() throws Exception {
        String body = "{\"channelId\":\"u\",\"text\":\"hi\"}";
        TestHttp.Reply alice = http.rpc("messages:send", body, USER_HEADER, "Bearer alice",
                "x-lunora-mutation-id", "m-7", "x-lunora-client-id", "device-1");
        TestHttp.Reply aliceElsewhere = http.rpc("messages:send", body, USER_HEADER, "Bearer alice",
                "x-lunora-mutation-id", "m-7", "x-lunora-client-id", "device-2");
        assertEquals(alice.body(), aliceElsewhere.body());
        TestHttp.Reply bob = http.rpc("messages:send", body, USER_HEADER, "Bearer bob",
                "x-lunora-mutation-id", "m-7");
        assertEquals(200, bob.status());
        assertEquals(2, list("u").size());
    }

    @Test
    void concurrentMutationsGetDistinctIncreasingCursors() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<TestHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < writers * 3; i++) {
                int n = i;
                replies.add(pool.submit(() -> http.rpc("messages:send",
                        "{\"channelId\":\"busy\",\"text\":\"m" + n + "\"}")));
            }
            Set<Long> cursors = new TreeSet<>();
            for (Future<TestHttp.Reply> reply : replies) {
                cursors.add(reply.get().body().get("commitCursor").asLong());
            }
            assertEquals(writers * 3, cursors.size());
            assertEquals(LongStream.rangeClosed(1, writers * 3).boxed().toList(),
                    List.copyOf(cursors));
            assertEquals(writers * 3, list("busy").size());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void mutationsRolledBackInsideAGroupCommitLeaveNoGapInTheCursors() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<TestHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < writers * 4; i++) {
                int n = i;
                replies.add(pool.submit(() -> n % 2 == 0
                        ? http.rpc("messages:send", "{\"channelId\":\"mixed\",\"text\":\"m" + n + "\"}")
                        : http.rpc("messages:broken", "{}")));
            }
            Set<Long> cursors = new TreeSet<>();
            for (Future<TestHttp.Reply> reply : replies) {
                JsonNode body = reply.get().body();
                if (body.has("commitCursor")) {
                    cursors.add(body.get("commitCursor").asLong());
                } else {
                    assertEquals("INTERNAL", body.path("error").path("code").asText(), body.toString());
                }
            }
            assertEquals(LongStream.rangeClosed(1, writers * 2).boxed().toList(), List.copyOf(cursors));
            assertEquals(writers * 2, list("mixed").size());
            assertEquals(writers * 2 + 1, http.rpc("messages:send", "{\"channelId\":\"mixed\",\"text\":\"last\"}")
                    .body().get("commitCursor").asLong());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void codedThrowKeepsItsCodeAndStatus() throws Exception {
        TestHttp.Reply reply = http.rpc("messages:reject", "{\"reason\":\"nope\"}");
        assertEquals(409, reply.status());
        assertEquals("CONFLICT", reply.errorCode());
        assertEquals("nope", reply.body().path("error").path("message").asText());
    }

    @Test
    void uncodedThrowIsInternalAndRollsBack() throws Exception {
        TestHttp.Reply reply = http.rpc("messages:broken", "{}");
        assertEquals(500, reply.status());
        assertEquals("INTERNAL", reply.errorCode());
        assertEquals(0, list("c").size());
        assertEquals(200, http.get("/_lunora/status").status());
    }

    @Test
    void unknownFunctionIsReported() throws Exception {
        TestHttp.Reply reply = http.rpc("messages:nothing", "{}");
        assertEquals(404, reply.status());
        assertEquals("UNKNOWN_FUNCTION", reply.errorCode());
    }

    @Test
    void malformedBodiesAreBadRequests() throws Exception {
        assertEquals("BAD_REQUEST", http.post("/_lunora/rpc", "{not json").errorCode());
        TestHttp.Reply noPath = http.post("/_lunora/rpc", "{\"args\":{}}");
        assertEquals(400, noPath.status());
        assertEquals("BAD_REQUEST", noPath.errorCode());
    }

    @Test
    void missingOrIllTypedArgumentsAreValidationErrors() throws Exception {
        TestHttp.Reply missing = http.rpc("messages:send", "{\"channelId\":\"c\"}");
        assertEquals(400, missing.status());
        assertEquals("VALIDATION_ERROR", missing.errorCode());
        TestHttp.Reply illTyped = http.rpc("messages:list", "{\"channelId\":{\"nested\":true}}");
        assertEquals("VALIDATION_ERROR", illTyped.errorCode());
    }

    @Test
    void routesStatusAndMethods() throws Exception {
        TestHttp.Reply status = http.get("/_lunora/status");
        assertEquals(200, status.status());
        assertTrue(status.body().get("ok").asBoolean());
        TestHttp.Reply unknown = http.get("/_lunora/elsewhere");
        assertEquals(404, unknown.status());
        assertFalse(unknown.errorCode().isEmpty());
        TestHttp.Reply wrongMethod = http.get("/_lunora/rpc");
        assertEquals(405, wrongMethod.status());
        assertFalse(wrongMethod.errorCode().isEmpty());
    }

    @Test
    void tokensIdentifyTheCallerOrAreRefused() throws Exception {
        assertEquals("anonymous", http.rpc("auth:whoami", "{}").body().get("result").asText());
        assertEquals("bob", http.rpc("auth:whoami", "{}", USER_HEADER, "Bearer bob").body().get("result").asText());
        TestHttp.Reply refused = http.rpc("auth:whoami", "{}", USER_HEADER, "Bearer refused");
        assertEquals(401, refused.status());
        assertEquals("UNAUTHENTICATED", refused.errorCode());
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        String text = "x".repeat(2 * 1024 * 1024);
        TestHttp.Reply reply = http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"" + text + "\"}");
        assertEquals(413, reply.status());
        assertEquals("PAYLOAD_TOO_LARGE", reply.errorCode());
    }

    @Test
    void batchDispatchesEachEntryIndependently() throws Exception {
        String batch = "{\"calls\":["
                + "{\"id\":0,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"b\",\"text\":\"one\"},"
                + "\"mutationId\":\"k1\",\"clientId\":\"cl\"},"
                + "{\"id\":1,\"functionPath\":\"messages:reject\",\"args\":{\"reason\":\"no\"}},"
                + "{\"id\":2,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"b\",\"text\":\"two\"},"
                + "\"mutationId\":\"k2\",\"clientId\":\"cl\"}]}";
        TestHttp.Reply reply = http.post("/_lunora/rpc-batch", batch);
        assertEquals(200, reply.status(), reply.body().toString());
        JsonNode results = reply.body().get("results");
        assertEquals(3, results.size());
        assertEquals(0, results.get(0).get("id").asInt());
        assertEquals(1, results.get(0).get("body").get("commitCursor").asLong());
        assertEquals("CONFLICT", results.get(1).get("body").get("error").get("code").asText());
        assertEquals(2, results.get(2).get("body").get("commitCursor").asLong());
        assertEquals(2, list("b").size());

        TestHttp.Reply replay = http.post("/_lunora/rpc-batch", batch);
        assertEquals(results.get(2), replay.body().get("results").get(2));
        assertEquals(2, list("b").size());
    }

    @Test
    void aFailedBatchEntryIsRolledBackAloneWhileTheBatchSharesOneCommit() throws Exception {
        String batch = "{\"calls\":["
                + "{\"id\":0,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"c\",\"text\":\"kept\"}},"
                + "{\"id\":1,\"functionPath\":\"messages:broken\",\"args\":{}},"
                + "{\"id\":2,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"c\",\"text\":\"also kept\"}}]}";
        TestHttp.Reply reply = http.post("/_lunora/rpc-batch", batch);
        assertEquals(200, reply.status(), reply.body().toString());
        JsonNode results = reply.body().get("results");
        assertEquals("INTERNAL", results.get(1).get("body").get("error").get("code").asText());
        long first = results.get(0).get("body").get("commitCursor").asLong();
        assertEquals(first + 1, results.get(2).get("body").get("commitCursor").asLong(),
                "the rolled-back entry used no cursor");
        List<String> texts = new ArrayList<>();
        list("c").forEach(row -> texts.add(row.get("text").asText()));
        assertEquals(List.of("kept", "also kept"), texts,
                "the failed entry's insert was rolled back to its savepoint; the others committed");
        TestHttp.Reply single = http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"after\"}");
        assertEquals(first + 2, single.body().get("commitCursor").asLong(), "cursors continue after the batch");
    }

    @Test
    void batchOverTheEntryCapIsABadRequest() throws Exception {
        StringBuilder batch = new StringBuilder("{\"calls\":[");
        for (int i = 0; i <= 500; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"functionPath\":\"auth:whoami\",\"args\":{}}");
        }
        TestHttp.Reply reply = http.post("/_lunora/rpc-batch", batch.append("]}").toString());
        assertEquals(400, reply.status());
        assertEquals("BAD_REQUEST", reply.errorCode());
    }

    @Test
    void transactionSeedsThroughTheSamePath() throws Exception {
        String id = server.transaction(ctx -> ctx.db().insert("messages", Map.of("channelId", "seed",
                "text", "seeded")).value());
        assertEquals(id, list("seed").get(0).get("_id").asText());
        TestHttp.Reply next = http.rpc("messages:send", "{\"channelId\":\"seed\",\"text\":\"after\"}");
        assertEquals(2, next.body().get("commitCursor").asLong());
    }
}
