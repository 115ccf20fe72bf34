package dev.lunora.runtime.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.meta.Field;
import dev.lunora.runtime.query.Change;
import dev.lunora.runtime.query.ChangeBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Overlay-over-base reads, the hand-over from an optimistic row to the server row, and equality indexes. */
class LiveCollectionTest {
    record Note(String id, String channel, String text) {}

    private static final Field<Note, String> CHANNEL = new Field<>("channel", String.class, Note::channel);

    private final LiveCollection<Note> notes = new LiveCollection<>("notes", Note::id);

    @Test
    void overlayShowsOverTheBaseAndNewLocalRowsComeLast() {
        notes.replaceBase(List.of(new Note("a", "c1", "server a"), new Note("b", "c1", "server b")), key -> false);
        notes.putOverlay(new Note("a", "c1", "local edit of a"));
        notes.putOverlay(new Note("n", "c1", "new local"));
        assertEquals(List.of("local edit of a", "server b", "new local"), texts());
        assertTrue(notes.isPending("a"));
        assertTrue(notes.isSynced("a"));
        assertFalse(notes.isSynced("n"));
    }

    @Test
    void serverSnapshotDropsOnlyTheOverlayRowsItCovers() {
        notes.putOverlay(new Note("x", "c1", "optimistic x"));
        notes.putOverlay(new Note("y", "c1", "optimistic y"));
        notes.replaceBase(List.of(new Note("x", "c1", "server x")), "x"::equals);
        assertEquals(List.of("server x", "optimistic y"), texts());
        assertFalse(notes.isPending("x"));
        assertTrue(notes.isPending("y"));
    }

    @Test
    void listenersSeeEveryChangeWithoutAnEmptyHandOver() {
        List<List<Note>> seen = new ArrayList<>();
        notes.subscribe(seen::add);
        notes.putOverlay(new Note("x", "c1", "optimistic"));
        notes.replaceBase(List.of(new Note("x", "c1", "server")), "x"::equals);
        assertEquals(3, seen.size());
        assertTrue(seen.get(0).isEmpty());
        assertEquals("optimistic", seen.get(1).get(0).text());
        assertEquals("server", seen.get(2).get(0).text());
    }

    @Test
    void overlayFilterHidesLocalRowsOutsideTheScope() {
        notes.putOverlay(new Note("x", "c1", "in c1"));
        notes.putOverlay(new Note("y", "c2", "in c2"));
        notes.overlayFilter(row -> row.channel().equals("c2"));
        assertEquals(List.of("in c2"), texts());
        assertTrue(notes.removeOverlay("y"::equals));
        assertEquals(List.of(), texts());
    }

    @Test
    void anExplicitIndexFollowsServerRowsOverlayWritesAndRollbacks() throws Exception {
        notes.replaceBase(List.of(new Note("a", "c1", "server a"), new Note("b", "c2", "server b")), key -> false);
        notes.createIndex(CHANNEL);
        notes.createIndex(CHANNEL);
        assertTrue(notes.hasIndex(CHANNEL));
        notes.putOverlay(new Note("b", "c1", "b moved to c1"));
        notes.putOverlay(new Note("n", "c1", "new in c1"));
        notes.putOverlay(new Note("a", "c2", "a moved to c2"));
        assertEquals(Set.of("b moved to c1", "new in c1"), indexed("c1"));
        assertEquals(Set.of("a moved to c2"), indexed("c2"));
        notes.removeOverlay("a"::equals);
        notes.replaceBase(List.of(new Note("a", "c1", "server a"), new Note("n", "c1", "new in c1")), "n"::equals);
        assertEquals(Set.of("server a", "b moved to c1", "new in c1"), indexed("c1"));
        assertEquals(Set.of(), indexed("c2"));
    }

    /** The texts of the rows in {@code channel}, as the first batch of an indexed subscription gives them. */
    private Set<String> indexed(String channel) throws Exception {
        List<ChangeBatch<Note>> seen = new ArrayList<>();
        notes.subscribeChanges(CHANNEL, channel, seen::add).close();
        return seen.get(0).changes().stream().map(change -> change.row().orElseThrow().text())
                .collect(Collectors.toSet());
    }

    private List<String> texts() {
        return notes.snapshot().stream().map(Note::text).toList();
    }

    @Test
    void changeBatchesDescribeOverlayWritesRollbacksAndServerSnapshots() {
        List<ChangeBatch<Note>> seen = new ArrayList<>();
        Note server = new Note("a", "c1", "server a");
        Note local = new Note("a", "c1", "local a");
        notes.replaceBase(List.of(server), key -> false);
        notes.subscribeChanges(seen::add);
        notes.putOverlay(local);
        notes.removeOverlay("a"::equals);
        notes.putOverlay(new Note("n", "c1", "new"));
        notes.replaceBase(List.of(server, new Note("n", "c1", "new")), "n"::equals);
        assertEquals(List.of(Change.insert("a", server)), seen.get(0).changes());
        assertEquals(List.of(Change.update("a", server, local)), seen.get(1).changes());
        assertEquals(List.of(Change.update("a", local, server)), seen.get(2).changes());
        assertEquals(List.of(Change.insert("n", new Note("n", "c1", "new"))), seen.get(3).changes());
        assertEquals(4, seen.size(), "the server row equal to the optimistic one changes nothing");
    }
}
