package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.Id;
import dev.lunora.server.exec.Dispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server processes on one PostgreSQL database: this JVM's server (A) and a child JVM's
 * ({@link PostgresServerProcess}, B). Commits fan out across processes, cursors are database-wide, a mutation id is
 * applied once whichever process gets it, and a clobbered read is retried, then refused with {@code CONFLICT}.
 */
class TwoServersOnePostgresTest {
    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @RegisterExtension
    final ServerFixture servers = ServerFixture.on(POSTGRES::storageFor);

    @TempDir
    Path dir;

    private PostgresServerProcess other;
    private final AtomicInteger clobbers = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stopOther() throws Exception {
        if (other != null) {
            other.close();
        }
    }

    /** Starts process B on this test's database. */
    private TestHttp startOther() throws Exception {
        other = PostgresServerProcess.start(POSTGRES.storageFor(dir).jdbcUrl(), POSTGRES.user());
        return new TestHttp(other.origin());
    }

    private static String subscribe(String channel) {
        return "{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"messages:list\","
                + "\"args\":{\"channelId\":\"" + channel + "\"},\"table\":\"messages:list\"}}";
    }

    private static long send(TestHttp http, String text) throws Exception {
        TestHttp.Reply reply = http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"" + text + "\"}");
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("commitCursor").asLong();
    }

    @Test
    void commitsOfEitherProcessReachTheSubscribersOfBothWithDatabaseWideCursors() throws Exception {
        LunoraServer a = servers.startTestApp(dir);
        TestHttp onA = new TestHttp(a.origin());
        TestHttp onB = startOther();
        try (TestSocket subscriberOnB = TestSocket.open(other.origin(), "");
             TestSocket subscriberOnA = TestSocket.open(a.origin(), "")) {
            for (TestSocket socket : new TestSocket[] {subscriberOnA, subscriberOnB}) {
                socket.send(subscribe("general"));
                socket.expect("ack");
                assertEquals(0, socket.expect("data").get("data").size());
            }
            long first = send(onA, "sent to A");
            JsonNode onBData = subscriberOnB.expect("data");
            assertEquals("sent to A", onBData.get("data").get(0).get("text").asText());
            assertEquals(first, onBData.get("cursor").asLong());
            assertEquals(first, subscriberOnA.expect("data").get("cursor").asLong());

            long second = send(onB, "sent to B");
            assertEquals(first + 1, second, "one cursor sequence for the whole database");
            JsonNode onAData = subscriberOnA.expect("data");
            assertEquals(2, onAData.get("data").size());
            assertEquals(second, onAData.get("cursor").asLong());
            assertEquals(second, subscriberOnB.expect("data").get("cursor").asLong());
            assertEquals(second + 1, send(onA, "A again"));
            assertEquals(second + 2, send(onB, "B again"));
        }
    }

    @Test
    void aMutationIdIsAppliedOnceAcrossProcessesAndInProgressWhileTheOtherRunsIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LunoraServer a = servers.start(TestApp.server().implement(TestApp.SLOW, (ctx, args) -> {
            entered.countDown();
            TestApp.await(release);
            return "ran on A";
        }), dir);
        TestHttp onA = new TestHttp(a.origin());
        TestHttp onB = startOther();
        String[] slow = {"x-lunora-mutation-id", "m-slow", "x-lunora-client-id", "device-1"};
        CompletableFuture<TestHttp.Reply> first = CompletableFuture.supplyAsync(
                () -> onA.rpcUnchecked("messages:slow", "{}", slow));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        TestHttp.Reply duplicate = onB.rpc("messages:slow", "{}", slow);
        assertEquals(409, duplicate.status(), duplicate.body().toString());
        assertEquals("DISPATCH_IN_PROGRESS", duplicate.errorCode());
        release.countDown();
        assertEquals("ran on A", first.get(10, TimeUnit.SECONDS).body().get("result").asText());
        TestHttp.Reply replay = onB.rpc("messages:slow", "{}", slow);
        assertEquals(200, replay.status());
        assertEquals("ran on A", replay.body().get("result").asText(), "B's own body would answer \"fast\"");

        String[] send = {"x-lunora-mutation-id", "m-send", "x-lunora-client-id", "device-1"};
        String args = "{\"channelId\":\"general\",\"text\":\"once\"}";
        TestHttp.Reply sent = onA.rpc("messages:send", args, send);
        assertEquals(sent.body(), onB.rpc("messages:send", args, send).body(), "same result, same cursor");
        assertEquals(1, onB.rpc("messages:list", "{\"channelId\":\"general\"}").body().get("result").size());
    }

    /**
     * Starts B, then A with an append that reads the row, lets B overwrite it (committed) while {@link #clobbers} is
     * positive, then writes it: a clobbered read. Counts A's runs in {@link #runs}; returns A's client.
     */
    private TestHttp startClobbered() throws Exception {
        TestHttp onB = startOther();
        LunoraServer a = servers.start(TestApp.server().implement(TestApp.APPEND, (ctx, args) -> {
            int run = runs.incrementAndGet();
            ctx.db().get(Message.class, Id.<Message>of(args.id()));
            if (clobbers.getAndDecrement() > 0) {
                edit(onB, args.id(), "edited by B " + run);
            }
            return TestApp.append(ctx, args);
        }), dir);
        return new TestHttp(a.origin());
    }

    private static String general(TestHttp http) throws Exception {
        return http.rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"base\"}").body().get("result")
                .asText();
    }

    private static JsonNode list(TestHttp http) throws Exception {
        return http.rpc("messages:list", "{\"channelId\":\"general\"}").body().get("result");
    }

    @Test
    void aReadClobberedByTheOtherProcessIsRetriedThenRefusedWithConflict() throws Exception {
        TestHttp onA = startClobbered();
        String id = general(onA);
        String append = "{\"id\":\"" + id + "\",\"text\":\"+A\"}";

        clobbers.set(1);
        TestHttp.Reply retried = onA.rpc("messages:append", append);
        assertEquals(200, retried.status(), retried.body().toString());
        assertEquals("edited by B 1+A", retried.body().get("result").asText(), "the retry read B's write");
        assertEquals(2, runs.get());

        runs.set(0);
        clobbers.set(Dispatcher.MAX_ATTEMPTS);
        TestHttp.Reply refused = onA.rpc("messages:append", append);
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("CONFLICT", refused.errorCode());
        assertEquals(Dispatcher.MAX_ATTEMPTS, runs.get());
        assertEquals("edited by B " + Dispatcher.MAX_ATTEMPTS, list(new TestHttp(other.origin())).get(0).get("text")
                .asText(), "nothing of the refused mutation was applied; B's last write stands");
    }

    @Test
    void aBatchEntryThatKeepsBeingClobberedIsRefusedAloneWhileTheOthersCommit() throws Exception {
        TestHttp onA = startClobbered();
        String id = general(onA);
        // Every run of the shared batch transaction, then every run of the entry on its own, is clobbered. (The
        // clobbered entry comes first: once the batch has written, B's commit would wait for A's.)
        clobbers.set(2 * Dispatcher.MAX_ATTEMPTS);
        TestHttp.Reply batch = onA.post("/_lunora/rpc-batch", "{\"calls\":["
                + "{\"id\":0,\"functionPath\":\"messages:append\","
                + "\"args\":{\"id\":\"" + id + "\",\"text\":\"+A\"}},"
                + "{\"id\":1,\"functionPath\":\"messages:send\","
                + "\"args\":{\"channelId\":\"general\",\"text\":\"kept\"}}]}");
        assertEquals(200, batch.status(), batch.body().toString());
        JsonNode results = batch.body().get("results");
        assertEquals("CONFLICT", results.get(0).get("body").get("error").get("code").asText(), results.toString());
        assertTrue(results.get(1).get("body").has("commitCursor"), results.toString());
        assertEquals(2 * Dispatcher.MAX_ATTEMPTS, runs.get());
        JsonNode rows = list(onA);
        assertEquals(2, rows.size());
        assertEquals("edited by B " + 2 * Dispatcher.MAX_ATTEMPTS, rows.get(0).get("text").asText());
        assertEquals("kept", rows.get(1).get("text").asText());
    }

    @Test
    void concurrentReadModifyWritesOnBothProcessesLoseNoUpdate() throws Exception {
        LunoraServer a = servers.startTestApp(dir);
        TestHttp[] processes = {new TestHttp(a.origin()), startOther()};
        String id = processes[0].rpc("messages:send", "{\"channelId\":\"general\",\"text\":\"-\"}").body()
                .get("result").asText();
        int threads = 8;
        int perThread = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<TestHttp.Reply>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < threads * perThread; i++) {
                TestHttp http = processes[i % 2];
                calls.add(pool.submit(() -> http.rpcUnchecked("messages:append",
                        "{\"id\":\"" + id + "\",\"text\":\"x\"}")));
            }
            Set<String> results = new HashSet<>();
            for (Future<TestHttp.Reply> call : calls) {
                TestHttp.Reply reply = call.get(60, TimeUnit.SECONDS);
                if (reply.status() == 200) {
                    assertTrue(results.add(reply.body().get("result").asText()), "two appends saw the same text");
                } else {
                    assertEquals("CONFLICT", reply.errorCode(), reply.body().toString());
                }
            }
            assertTrue(!results.isEmpty());
            String text = processes[1].rpc("messages:list", "{\"channelId\":\"general\"}").body().get("result")
                    .get(0).get("text").asText();
            assertEquals("-" + "x".repeat(results.size()), text, "every accepted append, and only those, applied");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void edit(TestHttp http, String id, String text) {
        TestHttp.Reply reply = http.rpcUnchecked("messages:edit", "{\"id\":\"" + id + "\",\"text\":\"" + text
                + "\"}");
        assertEquals(200, reply.status(), reply.body().toString());
    }
}
