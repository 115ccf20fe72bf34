package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveQueryTest {
    private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{"
            + "\"functionPath\":\"messages:list\",\"args\":{\"channelId\":\"general\"},\"table\":\"messages:list\"}}";

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

    private void send(String channel, String text) throws Exception {
        assertEquals(200, http.rpc("messages:send",
                "{\"channelId\":\"" + channel + "\",\"text\":\"" + text + "\"}").status());
    }

    private static JsonNode expect(TestSocket socket, String type) throws Exception {
        JsonNode frame = socket.next();
        assertEquals(type, frame.path("type").asText(), frame.toString());
        return frame;
    }

    @Test
    void subscribeGetsAckThenDataAndFollowsCommits() throws Exception {
        send("general", "before");
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send("{\"type\":\"connect\",\"id\":\"connect\",\"clientId\":\"c1\"}");
            socket.send(SUBSCRIBE);
            assertEquals("sub_1", expect(socket, "ack").get("id").asText());
            JsonNode first = expect(socket, "data");
            assertEquals("sub_1", first.get("id").asText());
            assertEquals(1, first.get("data").size());
            assertEquals("before", first.get("data").get(0).get("text").asText());
            assertEquals(1, first.get("cursor").asLong());
            String epoch = first.get("epoch").asText();
            assertFalse(epoch.isBlank());
            assertEquals(1, server.subscriberCount());

            send("general", "after");
            JsonNode pushed = expect(socket, "data");
            assertEquals(2, pushed.get("data").size());
            assertEquals("after", pushed.get("data").get(1).get("text").asText());
            assertEquals(2, pushed.get("cursor").asLong());
            assertEquals(epoch, pushed.get("epoch").asText());

            send("elsewhere", "same table, other channel");
            assertEquals(Optional.empty(), socket.poll(300));
        }
    }

    @Test
    void writesToAnotherTableSendNothing() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(SUBSCRIBE);
            expect(socket, "ack");
            expect(socket, "data");
            assertEquals(200, http.rpc("notes:add", "{\"body\":\"unrelated\"}").status());
            assertEquals(Optional.empty(), socket.poll(300));
            send("general", "related");
            JsonNode pushed = expect(socket, "data");
            assertEquals("related", pushed.get("data").get(0).get("text").asText());
            assertEquals(2, pushed.get("cursor").asLong());
        }
    }

    @Test
    void serverTransactionsPushToSubscribers() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(SUBSCRIBE);
            expect(socket, "ack");
            expect(socket, "data");
            server.transaction(ctx -> ctx.db().insert("messages", Map.of("channelId", "general",
                    "text", "seeded")));
            assertEquals("seeded", expect(socket, "data").get("data").get(0).get("text").asText());
        }
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysUsable() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_9\"}");
            JsonNode error = expect(socket, "error");
            assertEquals("sub_9", error.get("id").asText());
            assertEquals("BAD_REQUEST", error.get("error").get("code").asText());
            socket.send("{this is not json");
            assertEquals("BAD_REQUEST", expect(socket, "error").get("error").get("code").asText());

            socket.send("lunora-ping");
            assertEquals("lunora-pong", socket.nextText());
            socket.send(SUBSCRIBE);
            expect(socket, "ack");
            expect(socket, "data");
        }
    }

    @Test
    void failingQueryReportsAnErrorForItsSubscription() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_2\",\"query\":{\"functionPath\":\"messages:nothing\","
                    + "\"args\":{},\"table\":\"messages:nothing\"}}");
            expect(socket, "ack");
            JsonNode error = expect(socket, "error");
            assertEquals("sub_2", error.get("id").asText());
            assertEquals("UNKNOWN_FUNCTION", error.get("error").get("code").asText());
        }
    }

    @Test
    void unsubscribeAndDisconnectDropSubscriptions() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "?token=carol")) {
            socket.send(SUBSCRIBE);
            expect(socket, "ack");
            expect(socket, "data");
            socket.send("{\"type\":\"unsubscribe\",\"id\":\"sub_1\"}");
            socket.send("lunora-ping");
            assertEquals("lunora-pong", socket.nextText());
            awaitSubscribers(0);
            send("general", "unheard");
            assertEquals(Optional.empty(), socket.poll(300));
            socket.send(SUBSCRIBE);
            expect(socket, "ack");
            expect(socket, "data");
        }
        awaitSubscribers(0);
    }

    @Test
    void subscribingAgainUnderTheSameIdReplacesTheSubscription() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send(SUBSCRIBE);
            expect(socket, "ack");
            expect(socket, "data");
            socket.send(SUBSCRIBE.replace("general", "random"));
            expect(socket, "ack");
            assertEquals(0, expect(socket, "data").get("data").size());
            assertEquals(1, server.subscriberCount());
            send("general", "no longer followed");
            send("random", "followed now");
            JsonNode pushed = expect(socket, "data");
            assertEquals("followed now", pushed.get("data").get(0).get("text").asText());
            assertEquals(Optional.empty(), socket.poll(300), "one subscription, one frame per commit it sees");
        }
    }

    @Test
    void subscriptionsRunAsTheTokensUser() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "?token=dana")) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_3\",\"query\":{\"functionPath\":\"auth:whoami\","
                    + "\"args\":{},\"table\":\"auth:whoami\"}}");
            expect(socket, "ack");
            assertEquals("dana", expect(socket, "data").get("data").asText());
        }
    }

    @Test
    void refusedTokenClosesWith4001() throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "?token=refused")) {
            assertEquals(4001, socket.closeCode());
        }
    }

    private void awaitSubscribers(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.subscriberCount() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.subscriberCount() == expected, "subscribers: " + server.subscriberCount());
    }
}
