package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestartTest {
    @TempDir
    Path dir;

    private static String epochOf(LunoraServer server) throws Exception {
        try (TestSocket socket = TestSocket.open(server.origin(), "")) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"messages:list\","
                    + "\"args\":{\"channelId\":\"c\"},\"table\":\"messages:list\"}}");
            socket.next();
            return socket.next().get("epoch").asText();
        }
    }

    @Test
    void restartOnTheSameFileAndPortKeepsRowsCursorAndEpoch() throws Exception {
        ServerStorage storage = ServerStorage.h2File(dir.resolve("server"));
        int port;
        String epoch;
        try (LunoraServer first = TestApp.server().storage(storage).build().start()) {
            port = first.port();
            TestHttp http = new TestHttp(first.origin());
            http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"one\"}");
            http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"two\"}");
            epoch = epochOf(first);
        }
        try (LunoraServer second = TestApp.server().storage(storage).port(port).build().start()) {
            assertEquals(port, second.port());
            TestHttp http = new TestHttp(second.origin());
            JsonNode rows = http.rpc("messages:list", "{\"channelId\":\"c\"}").body().get("result");
            assertEquals(2, rows.size());
            assertEquals("one", rows.get(0).get("text").asText());
            assertEquals(3, http.rpc("messages:send", "{\"channelId\":\"c\",\"text\":\"three\"}").body()
                    .get("commitCursor").asLong());
            assertEquals(epoch, epochOf(second));
        }
    }

    @Test
    void aServerStartsOnceAndRefusesCallsAfterClose() {
        LunoraServer server = TestApp.server().build().start();
        int port = server.port();
        assertThrows(IllegalStateException.class, server::start);
        server.close();
        assertEquals(port, server.port());
        assertThrows(IllegalStateException.class, server::subscriberCount);
        assertThrows(IllegalStateException.class, () -> server.transaction(ctx -> null));
        server.close();
    }

    @Test
    void portIsUnknownBeforeStart() {
        assertThrows(IllegalStateException.class, () -> TestApp.server().build().port());
    }

    @Test
    void functionsWithoutBodiesAreRejectedAtBuild() {
        assertThrows(IllegalStateException.class, () -> LunoraServer.builder(TestApp.app()).build());
    }
}
