package dev.lunora.protocol.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.frames.ServerFrame.PokeEnd;
import dev.lunora.protocol.frames.ServerFrame.PokePart;
import dev.lunora.protocol.frames.ServerFrame.PokeStart;
import dev.lunora.protocol.frames.ServerFrame.RowOp;
import dev.lunora.protocol.wire.WireJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PokeAssemblerTest {
    private static PokePart part(String poke, OptionalLong base, RowOp... ops) {
        return new PokePart(poke, "s", List.of(ops), OptionalLong.empty(), base, false);
    }

    private static RowOp insert(String key) {
        return new RowOp("insert", key, "t", Optional.of(WireJson.parse("{\"_id\":\"" + key + "\"}")));
    }

    @Test
    void partsApplyOnlyAtPokeEnd() {
        PokeAssembler assembler = new PokeAssembler();
        assembler.accept(new PokeStart("p1", OptionalLong.empty(), Optional.of("e")));
        assembler.accept(part("p1", OptionalLong.empty(), insert("a")));
        assertEquals(Map.of(), assembler.rows("s"));
        assembler.accept(new PokeEnd("p1", OptionalLong.of(1), Optional.empty()));
        assertEquals(Map.of("a", Map.of("_id", "a")), assembler.rows("s"));
        assembler.accept(new PokeStart("p2", OptionalLong.empty(), Optional.of("e")));
        assembler.accept(part("p2", OptionalLong.of(1), new RowOp("delete", "a", "t", Optional.empty())));
        assembler.discardPending();
        assertEquals(Optional.empty(), assembler.accept(new PokeEnd("p2", OptionalLong.of(2), Optional.empty())));
        assertEquals(1, assembler.rows("s").size(), "a dropped socket discards the half-received poke");
    }

    @Test
    void checkpointGapDropsTheViewAndReportsItStale() {
        PokeAssembler assembler = new PokeAssembler();
        assembler.accept(new PokeStart("p1", OptionalLong.empty(), Optional.of("e")));
        assembler.accept(part("p1", OptionalLong.empty(), insert("a")));
        assembler.accept(new PokeEnd("p1", OptionalLong.of(5), Optional.empty()));
        assembler.accept(new PokeStart("p2", OptionalLong.empty(), Optional.of("e")));
        assembler.accept(part("p2", OptionalLong.of(4), insert("b")));
        AppliedPoke applied = assembler.accept(new PokeEnd("p2", OptionalLong.of(6), Optional.empty()))
                .orElseThrow();
        assertEquals(Set.of("s"), applied.staleShapes());
        assertEquals(Map.of(), assembler.rows("s"));
        assertEquals(OptionalLong.empty(), assembler.checkpoint("s"));
    }

    @Test
    void pendingBuffersAreBoundedOldestFirst() {
        PokeAssembler assembler = new PokeAssembler();
        for (int i = 0; i <= PokeAssembler.MAX_PENDING_POKES; i++) {
            assembler.accept(new PokeStart("p" + i, OptionalLong.empty(), Optional.empty()));
        }
        assertEquals(PokeAssembler.MAX_PENDING_POKES, assembler.pendingPokes());
        ServerFrame staleEnd = new PokeEnd("p0", OptionalLong.of(1), Optional.empty());
        assertTrue(assembler.accept(staleEnd).isEmpty(), "the oldest buffer was evicted");
        assertTrue(assembler.accept(new PokeEnd("p1", OptionalLong.of(1), Optional.empty())).isPresent());
    }
}
