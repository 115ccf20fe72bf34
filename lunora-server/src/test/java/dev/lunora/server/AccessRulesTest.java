package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Per-table rules: messages are readable when public (no author) or by their author, and writable only by their
 * author.
 */
class AccessRulesTest {
    private static final TableRules<Message> MESSAGE_RULES = TableRules.of(Message.class)
            .read((auth, row) -> row.userId() == null || auth.userId().map(row.userId()::equals).orElse(false))
            .write((auth, row) -> auth.userId().map(user -> user.equals(row.userId())).orElse(false));

    private LunoraServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = TestApp.server().tokenVerifier(Optional::of).rules(MESSAGE_RULES).build().start();
        http = new TestHttp(server.origin());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestHttp.Reply send(String user, String text) throws Exception {
        String body = "{\"channelId\":\"general\",\"text\":\"" + text + "\"}";
        return user == null ? http.rpc("messages:send", body)
                : http.rpc("messages:send", body, "authorization", "Bearer " + user);
    }

    private List<String> texts(String user) throws Exception {
        JsonNode result = http.rpc("messages:list", "{\"channelId\":\"general\"}", "authorization",
                "Bearer " + user).body().get("result");
        List<String> texts = new ArrayList<>();
        result.forEach(row -> texts.add(row.get("text").asText()));
        return texts;
    }

    @Test
    void aDeniedWriteIsForbiddenAndRolledBack() throws Exception {
        String annId = send("ann", "ann's").body().get("result").asText();
        TestHttp.Reply anonymous = send(null, "nobody's");
        assertEquals(403, anonymous.status());
        assertEquals("FORBIDDEN", anonymous.errorCode());

        TestHttp.Reply bobEdits = http.rpc("messages:edit", "{\"id\":\"" + annId + "\",\"text\":\"bob was here\"}",
                "authorization", "Bearer bob");
        assertEquals("FORBIDDEN", bobEdits.errorCode());
        assertEquals(200, http.rpc("messages:edit", "{\"id\":\"" + annId + "\",\"text\":\"ann edited\"}",
                "authorization", "Bearer ann").status());
        assertEquals(List.of("ann edited"), texts("ann"));
    }

    @Test
    void unreadableRowsNeverReachQueryResults() throws Exception {
        send("ann", "ann's");
        send("bob", "bob's");
        server.transaction(ctx -> ctx.db().insert("messages", Map.of("channelId", "general", "text", "public")));
        assertEquals(List.of("ann's", "public"), texts("ann"));
        assertEquals(List.of("bob's", "public"), texts("bob"));
    }

    @Test
    void unreadableRowsNeverReachSubscriptions() throws Exception {
        send("bob", "bob's");
        try (TestSocket socket = TestSocket.open(server.origin(), "?token=bob")) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"messages:list\","
                    + "\"args\":{\"channelId\":\"general\"},\"table\":\"messages:list\"}}");
            assertEquals("ack", socket.next().get("type").asText());
            assertEquals(1, socket.next().get("data").size());
            send("ann", "secret of ann");
            JsonNode frame = socket.next();
            assertEquals("settled", frame.get("type").asText(), frame.toString());
            assertFalse(frame.toString().contains("secret"));
            send("bob", "bob again");
            JsonNode data = socket.next();
            assertEquals(2, data.get("data").size());
            assertFalse(data.toString().contains("secret"));
        }
    }

    @Test
    void rulesMustNameATableOfTheApp() {
        LunoraServer.Builder builder = TestApp.server().rules(TableRules.of(ListArgs.class));
        assertThrows(IllegalArgumentException.class, builder::build);
    }
}
