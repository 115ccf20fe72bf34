package dev.lunora.server;

import dev.lunora.api.LunoraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutation ids in flight and after retention, and client-sequence watermarks, over HTTP. */
class IdempotencyTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    private LunoraServer server;

    private TestHttp start(LunoraServer.Builder builder) {
        server = servers.start(builder, dir);
        return new TestHttp(server.origin());
    }

    private static int count(TestHttp http, String channel) throws Exception {
        return http.rpc("messages:list", "{\"channelId\":\"" + channel + "\"}").body().get("result").size();
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightIsDispatchInProgress() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        TestHttp http = start(TestApp.server().implement(TestApp.SLOW, (ctx, args) -> {
            runs.incrementAndGet();
            entered.countDown();
            TestApp.await(release);
            return "done";
        }));
        String[] headers = {"x-lunora-mutation-id", "m-1", "x-lunora-client-id", "device-1"};
        CompletableFuture<TestHttp.Reply> first = CompletableFuture.supplyAsync(
                () -> http.rpcUnchecked("messages:slow", "{}", headers));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        TestHttp.Reply duplicate = http.rpc("messages:slow", "{}", headers);
        assertEquals(409, duplicate.status());
        assertEquals("DISPATCH_IN_PROGRESS", duplicate.errorCode());
        release.countDown();
        assertEquals("done", first.get(10, TimeUnit.SECONDS).body().get("result").asText());
        TestHttp.Reply replay = http.rpc("messages:slow", "{}", headers);
        assertEquals(200, replay.status());
        assertEquals("done", replay.body().get("result").asText());
        assertEquals(1, runs.get());
    }

    @Test
    void recordsAreTrimmedAfterTheRetention() throws Exception {
        TestHttp http = start(TestApp.server().idempotencyRetention(Duration.ofMillis(100)));
        String send = "{\"channelId\":\"general\",\"text\":\"once\"}";
        assertEquals(200, http.rpc("messages:send", send, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "device-1").status());
        assertEquals(200, http.rpc("messages:send", send, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "device-1").status());
        assertEquals(1, count(http, "general"), "a replay within the retention runs nothing");
        Thread.sleep(250);
        assertEquals(200, http.rpc("messages:send", send, "x-lunora-mutation-id", "m-1",
                "x-lunora-client-id", "device-1").status());
        assertEquals(2, count(http, "general"), "past the retention the record is gone, so the id runs again");
        assertEquals(200, http.rpc("messages:send", send, "x-lunora-mutation-id", "m-2",
                "x-lunora-client-id", "device-1").status());
        Thread.sleep(250);
        assertEquals(200, http.rpc("messages:send", send, "x-lunora-mutation-id", "m-3",
                "x-lunora-client-id", "device-1").status());
        server.close();
        try (Connection connection = DriverManager.getConnection(ServerStorage.h2File(dir.resolve("server"))
                .jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT mutation_id FROM \"_lunora_idempotency\"")) {
            assertTrue(rows.next());
            assertEquals("m-3", rows.getString(1));
            assertTrue(!rows.next(), "expired records are deleted");
        }
    }

    @Test
    void clientSequenceWatermarksAckReplaysAndRefuseGaps() throws Exception {
        TestHttp http = start(TestApp.server());
        String send = "{\"channelId\":\"general\",\"text\":\"seq\"}";
        TestHttp.Reply first = http.rpc("messages:send", send, "x-lunora-client-id", "device-1",
                "x-lunora-client-seq", "1");
        assertEquals(200, first.status());
        assertEquals(1, first.body().get("lastMutationId").asLong());
        TestHttp.Reply replay = http.rpc("messages:send", send, "x-lunora-client-id", "device-1",
                "x-lunora-client-seq", "1");
        assertEquals(200, replay.status());
        assertTrue(replay.body().get("result").isNull());
        assertEquals(1, replay.body().get("lastMutationId").asLong());
        assertEquals(1, count(http, "general"), "a replayed sequence is acknowledged without running");

        TestHttp.Reply gap = http.rpc("messages:send", send, "x-lunora-client-id", "device-1",
                "x-lunora-client-seq", "3");
        assertEquals(409, gap.status());
        assertEquals("OUT_OF_ORDER", gap.errorCode());
        assertEquals(2, gap.body().get("error").get("data").get("expected").asLong());
        assertEquals(1, count(http, "general"));

        assertEquals(2, http.rpc("messages:send", send, "x-lunora-client-id", "device-1",
                "x-lunora-client-seq", "2").body().get("lastMutationId").asLong());
        assertEquals(1, http.rpc("messages:send", send, "x-lunora-client-id", "device-2",
                "x-lunora-client-seq", "1").body().get("lastMutationId").asLong(), "watermarks are per client");
        assertEquals(3, count(http, "general"));

        assertEquals("BAD_REQUEST", http.rpc("messages:send", send, "x-lunora-client-seq", "4").errorCode());
        assertEquals("BAD_REQUEST", http.rpc("messages:send", send, "x-lunora-client-id", "device-1",
                "x-lunora-client-seq", "-1").errorCode());
    }

    @Test
    void aRefusedSequenceAdvancesTheWatermarkButATransientFailureDoesNot() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TestHttp http = start(TestApp.server()
                .rules(TableRules.of(Message.class).write((auth, row) -> !row.text().equals("forbidden")))
                .implement(TestApp.SLOW, (ctx, args) -> {
                    ctx.db().insert("messages", Map.of("channelId", "general", "text", "flaky"));
                    return switch (runs.incrementAndGet()) {
                        case 1 -> throw new IllegalStateException("a passing fault");
                        case 2 -> throw new LunoraException("SHARD_UNAVAILABLE", "try again");
                        default -> "ran";
                    };
                }));
        TestHttp.Reply refused = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"forbidden\"}",
                seq(1));
        assertEquals("FORBIDDEN", refused.errorCode());
        TestHttp.Reply next = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"allowed\"}",
                seq(2));
        assertEquals(200, next.status(), next.body().toString());
        assertEquals(2, next.body().get("lastMutationId").asLong());
        TestHttp.Reply replay = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"forbidden\"}",
                seq(1));
        assertEquals(200, replay.status(), "a refused sequence's replay is acknowledged like any other");
        assertTrue(replay.body().get("result").isNull());
        assertEquals(2, replay.body().get("lastMutationId").asLong());
        assertEquals("CONFLICT", http.rpc("messages:reject", "{\"reason\":\"no\"}", seq(3)).errorCode());
        assertEquals("VALIDATION_ERROR", http.rpc("messages:send", "{\"channelId\":\"general\"}",
                seq(4)).errorCode());
        assertEquals(1, count(http, "general"), "refused bodies wrote nothing");

        assertEquals("INTERNAL", http.rpc("messages:slow", "{}", seq(5)).errorCode());
        TestHttp.Reply skipped = http.rpc("messages:slow", "{}", seq(6));
        assertEquals("OUT_OF_ORDER", skipped.errorCode(), "INTERNAL is no verdict: the watermark stays");
        assertEquals(5, skipped.body().get("error").get("data").get("expected").asLong());
        assertEquals("SHARD_UNAVAILABLE", http.rpc("messages:slow", "{}", seq(5)).errorCode());
        TestHttp.Reply retried = http.rpc("messages:slow", "{}", seq(5));
        assertEquals("ran", retried.body().get("result").asText(), retried.body().toString());
        assertEquals(5, retried.body().get("lastMutationId").asLong());
        assertEquals(3, runs.get());
        assertEquals(2, count(http, "general"), "only the run that succeeded wrote");
    }

    /** The headers of client {@code device-1}'s call number {@code seq}. */
    private static String[] seq(int seq) {
        return new String[] {"x-lunora-client-id", "device-1", "x-lunora-client-seq", Integer.toString(seq)};
    }
}
