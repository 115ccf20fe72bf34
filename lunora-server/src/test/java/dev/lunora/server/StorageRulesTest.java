package dev.lunora.server;

import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of {@code ctx.db()}, exercised through {@link LunoraServer#transaction}. */
class StorageRulesTest {
    @TempDir
    Path dir;

    private LunoraServer server;

    @BeforeEach
    void start() {
        server = TestApp.server().storage(ServerStorage.h2File(dir.resolve("server"))).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertCode(String code, Executable call) {
        assertEquals(code, assertThrows(LunoraException.class, call).code());
    }

    private Id<Note> note(String body, long priority, List<String> tags) {
        return server.transaction(ctx -> ctx.db().insert("notes",
                Map.of("body", body, "priority", priority, "tags", tags)));
    }

    private List<Note> notes() {
        return server.transaction(ctx -> ctx.db().query(Note.class).collect());
    }

    @Test
    void insertValidatesTheDocument() {
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> ctx.db().insert("notes",
                Map.of("body", "b", "priority", 1L, "colour", "red"))));
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> ctx.db().insert("notes",
                Map.of("_id", "x", "body", "b", "priority", 1L))));
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> ctx.db().insert("notes",
                Map.of("body", "b", "priority", "high"))));
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> ctx.db().insert("notes",
                Map.of("priority", 1L))));
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> ctx.db().insert("nowhere",
                Map.of("body", "b"))));
        assertEquals(List.of(), notes());
    }

    @Test
    void rowsRoundTripIncludingJsonColumns() {
        Id<Note> id = note("first", 3, List.of("a", "b"));
        Note stored = server.transaction(ctx -> ctx.db().get(Note.class, id)).orElseThrow();
        assertEquals("first", stored.body());
        assertEquals(3, stored.priority());
        assertEquals(List.of("a", "b"), stored.tags());
        assertEquals(Optional.empty(), server.transaction(ctx -> ctx.db().get(Note.class, Id.<Note>of("missing"))));
    }

    @Test
    void queriesFilterOrderAndLimit() throws InterruptedException {
        note("old", 1, List.of());
        Thread.sleep(5);
        note("middle", 2, List.of());
        Thread.sleep(5);
        note("new", 1, List.of());
        List<Note> newest = server.transaction(ctx -> ctx.db().query(Note.class).newestFirst().limit(2).collect());
        assertEquals(List.of("new", "middle"), newest.stream().map(Note::body).toList());
        List<Note> lowPriority = server.transaction(ctx -> ctx.db().query(Note.class).where("priority", 1L)
                .collect());
        assertEquals(List.of("old", "new"), lowPriority.stream().map(Note::body).toList());
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> ctx.db().query(Note.class)
                .where("colour", "red").collect()));
    }

    @Test
    void patchAndDeleteNeedAnExistingRow() {
        Id<Note> id = note("draft", 1, List.of());
        server.transaction(ctx -> {
            ctx.db().patch("notes", id, Map.of("body", "final"));
            return null;
        });
        assertEquals("final", notes().get(0).body());
        assertCode("VALIDATION_ERROR", () -> server.transaction(ctx -> {
            ctx.db().patch("notes", id, Map.of("_creationTime", 5L));
            return null;
        }));
        assertCode("NOT_FOUND", () -> server.transaction(ctx -> {
            ctx.db().patch("notes", Id.of("missing"), Map.of("body", "x"));
            return null;
        }));
        server.transaction(ctx -> {
            ctx.db().delete("notes", id);
            return null;
        });
        assertEquals(List.of(), notes());
        assertCode("NOT_FOUND", () -> server.transaction(ctx -> {
            ctx.db().delete("notes", id);
            return null;
        }));
    }

    @Test
    void aFailedTransactionLeavesNoTrace() {
        note("kept", 1, List.of());
        assertCode("CONFLICT", () -> server.transaction(ctx -> {
            ctx.db().insert("notes", Map.of("body", "dropped", "priority", 1L));
            throw new LunoraException("CONFLICT", "changed my mind");
        }));
        assertEquals(List.of("kept"), notes().stream().map(Note::body).toList());
    }
}
