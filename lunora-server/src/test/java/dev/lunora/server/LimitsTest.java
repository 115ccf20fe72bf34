package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.server.ws.WsConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame and body limits, slow request bodies, codec caps, the subscription cap, the send-queue cap, heartbeats, idle
 * timeouts and graceful shutdown.
 */
class LimitsTest {
    private static final String PING = "lunora-ping";

    @TempDir
    Path dir;

    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    private LunoraServer server;

    private LunoraServer start(LunoraServer.Builder builder) {
        server = servers.start(builder, dir);
        return server;
    }

    private static String subscribe(String id) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"query\":{\"functionPath\":\"messages:list\","
                + "\"args\":{\"channelId\":\"" + id + "\"},\"table\":\"messages:list\"}}";
    }

    private static JsonNode expect(TestSocket socket, String type) throws Exception {
        JsonNode frame = socket.next();
        assertEquals(type, frame.path("type").asText(), frame.toString());
        return frame;
    }

    @Test
    void anOversizedFrameIsPayloadTooLargeAndAHugeOneClosesTheSocket() throws Exception {
        start(TestApp.server().maxFrameBytes(1_024));
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send("{\"type\":\"connect\",\"id\":\"connect\",\"clientId\":\"" + "x".repeat(1_500) + "\"}");
            assertEquals("PAYLOAD_TOO_LARGE", expect(socket, "error").get("error").get("code").asText());
            socket.send(PING);
            assertEquals("lunora-pong", socket.nextText());
            socket.send("y".repeat(5_000));
            assertEquals(1009, socket.closeCode(), "beyond twice the limit the socket closes with 1009");
        }
    }

    @Test
    void codecCapsAreAnsweredWithCodedErrors() throws Exception {
        start(TestApp.server());
        TestHttp http = new TestHttp(server.origin());
        String deep = "[".repeat(100) + "]".repeat(100);
        TestHttp.Reply tooDeep = http.rpc("messages:send", "{\"channelId\":" + deep + ",\"text\":\"t\"}");
        assertEquals(400, tooDeep.status());
        assertTrue(Set.of("BAD_REQUEST", "VALIDATION_ERROR").contains(tooDeep.errorCode()), tooDeep.toString());
        String bigint = "[\"$lunora.wire$\",\"bigint\",\"" + "9".repeat(2_000) + "\"]";
        TestHttp.Reply tooBig = http.rpc("messages:send", "{\"channelId\":" + bigint + ",\"text\":\"t\"}");
        assertEquals(400, tooBig.status());
        assertTrue(Set.of("BAD_REQUEST", "VALIDATION_ERROR").contains(tooBig.errorCode()), tooBig.toString());
        String veryDeep = "[".repeat(5_000) + "]".repeat(5_000);
        assertEquals("BAD_REQUEST", http.rpc("messages:send", veryDeep).errorCode());

        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"messages:list\","
                    + "\"args\":{\"channelId\":" + veryDeep + "},\"table\":\"messages:list\"}}");
            assertEquals("BAD_REQUEST", expect(socket, "error").get("error").get("code").asText());
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_2\",\"query\":{\"functionPath\":\"messages:list\","
                    + "\"args\":{\"channelId\":" + bigint + "},\"table\":\"messages:list\"}}");
            JsonNode first = socket.next();
            JsonNode error = first.path("type").asText().equals("ack") ? socket.next() : first;
            assertEquals("error", error.get("type").asText(), error.toString());
            assertEquals("sub_2", error.get("id").asText());
        }
    }

    @Test
    void subscriptionsPerConnectionAreCapped() throws Exception {
        start(TestApp.server().maxSubscriptionsPerConnection(2));
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            for (String id : new String[] {"sub_1", "sub_2"}) {
                socket.send(subscribe(id));
                expect(socket, "ack");
                expect(socket, "data");
            }
            socket.send(subscribe("sub_3"));
            JsonNode refused = expect(socket, "error");
            assertEquals("sub_3", refused.get("id").asText());
            assertEquals("TOO_MANY_SUBSCRIPTIONS", refused.get("error").get("code").asText());
            socket.send(subscribe("sub_1"));
            expect(socket, "ack");
            expect(socket, "data");
            socket.send("{\"type\":\"unsubscribe\",\"id\":\"sub_2\"}");
            socket.send(subscribe("sub_3"));
            expect(socket, "ack");
            expect(socket, "data");
            assertEquals(2, server.subscriberCount());
        }
        try (TestSocket other = TestSocket.open(server.origin(), "")) {
            other.send(subscribe("sub_9"));
            expect(other, "ack");
        }
    }

    @Test
    void heartbeatsKeepASocketOpenPastTheIdleTimeoutThatClosesASilentOne() throws Exception {
        start(TestApp.server().idleTimeout(Duration.ofMillis(400)));
        try (TestSocket silent = TestSocket.open(server.origin(), "");
             TestSocket beating = TestSocket.open(server.origin(), "")) {
            for (int beat = 0; beat < 10; beat++) {
                beating.send(PING);
                assertEquals("lunora-pong", beating.nextText());
                Thread.sleep(100);
            }
            silent.closeCode();
            beating.send(subscribe("sub_1"));
            expect(beating, "ack");
        }
    }

    @Test
    void shutdownFinishesAnInFlightMutation() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(TestApp.server().implement(TestApp.SLOW, (ctx, args) -> {
            ctx.db().insert("messages", Map.of("channelId", "general", "text", "in flight"));
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "committed";
        }));
        TestHttp http = new TestHttp(server.origin());
        CompletableFuture<TestHttp.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return http.rpc("messages:slow", "{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        TestHttp.Reply refused;
        do {
            // A query: it never waits for the mutation lock, so probing cannot block behind the held mutation.
            refused = http.rpc("messages:list", "{\"channelId\":\"general\"}");
        } while (refused.status() == 200 && System.nanoTime() < deadline);
        assertEquals(503, refused.status());
        assertEquals("SHARD_UNAVAILABLE", refused.errorCode());
        release.countDown();
        TestHttp.Reply reply = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, reply.status());
        assertEquals("committed", reply.body().get("result").asText());
        closing.get(10, TimeUnit.SECONDS);

        start(TestApp.server());
        JsonNode rows = new TestHttp(server.origin()).rpc("messages:list", "{\"channelId\":\"general\"}").body()
                .get("result");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("in flight", rows.get(0).get("text").asText());
    }

    @Test
    void shutdownFinishesAnAcceptedBatch() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(TestApp.server().implement(TestApp.SLOW, (ctx, args) -> {
            ctx.db().insert("messages", Map.of("channelId", "general", "text", "first entry"));
            entered.countDown();
            TestApp.await(release);
            return "committed";
        }));
        TestHttp http = new TestHttp(server.origin());
        String batch = "{\"calls\":[{\"id\":0,\"functionPath\":\"messages:slow\",\"args\":{}},"
                + "{\"id\":1,\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"general\","
                + "\"text\":\"second entry\"}}]}";
        CompletableFuture<TestHttp.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return http.post("/_lunora/rpc-batch", batch);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<Void> closing;
        try {
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            closing = CompletableFuture.runAsync(server::close);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            TestHttp.Reply refused;
            do {
                refused = http.rpc("messages:list", "{\"channelId\":\"general\"}");
            } while (refused.status() == 200 && System.nanoTime() < deadline);
            assertEquals("SHARD_UNAVAILABLE", refused.errorCode(), "the shutdown has begun");
        } finally {
            release.countDown();
        }
        TestHttp.Reply reply = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, reply.status(), reply.body().toString());
        JsonNode results = reply.body().get("results");
        assertEquals("committed", results.get(0).get("body").get("result").asText(), results.toString());
        assertTrue(results.get(1).get("body").has("commitCursor"), "the entry after the shutdown began ran too: "
                + results);
        closing.get(10, TimeUnit.SECONDS);

        start(TestApp.server());
        JsonNode rows = new TestHttp(server.origin()).rpc("messages:list", "{\"channelId\":\"general\"}").body()
                .get("result");
        assertEquals(2, rows.size(), rows.toString());
    }

    @Test
    void slowRequestBodiesHoldNoThreadAndAreCutOffAtTheBodyTimeout() throws Exception {
        Duration bodyTimeout = Duration.ofSeconds(4);
        start(TestApp.server().requestBodyTimeout(bodyTimeout));
        String body = "{\"functionPath\":\"messages:list\",\"args\":{\"channelId\":\"general\"}}";
        byte[] head = ("POST /_lunora/rpc HTTP/1.1\r\nHost: " + server.origin().getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 1_000) + "\r\n\r\n"
                + body).getBytes(StandardCharsets.US_ASCII);
        TestHttp http = new TestHttp(server.origin());
        // Warm up (class loading, the first query), so that the timed call below measures only waiting for a thread.
        assertEquals(200, http.rpc("messages:list", "{\"channelId\":\"general\"}").status());
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        try {
            // More senders than the server has threads, each 1,000 bytes short of its declared length; half stall,
            // half send one more byte (trailing whitespace) every 100 ms.
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(server.origin().getHost(), server.port());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(head);
                slow.add(socket);
            }
            long sent = System.nanoTime();
            dribbler.scheduleAtFixedRate(() -> {
                for (int i = 0; i < slow.size(); i += 2) {
                    try {
                        slow.get(i).getOutputStream().write(' ');
                    } catch (IOException e) {
                        // The server cut this one off.
                    }
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            Thread.sleep(300);

            long asked = System.nanoTime();
            TestHttp.Reply reply = http.rpc("messages:list", "{\"channelId\":\"general\"}");
            long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertEquals(200, reply.status(), reply.toString());
            assertTrue(answeredMillis < 2_000, "a normal call waited " + answeredMillis + " ms behind slow senders");

            for (Socket socket : slow) {
                String answer;
                try {
                    answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                } catch (SocketException e) {
                    answer = "";
                }
                long cutMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                // A 408, or a close (a reset when the socket still held unread bytes).
                assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(cutMillis < bodyTimeout.toMillis() + 2_000, "cut off only after " + cutMillis + " ms");
            }
        } finally {
            dribbler.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aSocketThatStopsReadingIsClosedAtTheSendQueueCapAndOthersKeepTheirPushes() throws Exception {
        start(TestApp.server().maxSendQueueBytes(256 * 1024));
        TestHttp http = new TestHttp(server.origin());
        try (RawWebSocket stalled = RawWebSocket.open(server.origin());
             TestSocket reading = TestSocket.open(server.origin(), "")) {
            stalled.sendAll(List.of(subscribe("big")));
            reading.send(subscribe("big"));
            expect(reading, "ack");
            expect(reading, "data");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.subscriberCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, server.subscriberCount());
            // Each push re-sends the whole channel, so the frames grow until the stalled socket's TCP buffers fill.
            String send = "{\"channelId\":\"big\",\"text\":\"" + "x".repeat(32 * 1024) + "\"}";
            int pushes = 0;
            while (server.subscriberCount() == 2 && pushes < 60) {
                assertEquals(200, http.rpc("messages:send", send).status());
                pushes++;
                assertEquals(pushes, expect(reading, "data").get("data").size(), "the reading socket keeps up");
            }
            assertEquals(1, server.subscriberCount(), "the stalled socket was still subscribed after " + pushes + " pushes");
            assertEquals(WsConnection.SEND_QUEUE_FULL_CLOSE, stalled.closeCode());
            assertEquals(200, http.rpc("messages:send", send).status());
            assertEquals(pushes + 1, expect(reading, "data").get("data").size());
        }
    }
}
