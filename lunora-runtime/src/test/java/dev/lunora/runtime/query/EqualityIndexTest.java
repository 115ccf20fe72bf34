package dev.lunora.runtime.query;

import static dev.lunora.runtime.query.Rows.CHANNEL;
import static dev.lunora.runtime.query.Rows.CREATED;
import static dev.lunora.runtime.query.Rows.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.meta.Field;
import dev.lunora.runtime.query.Rows.Msg;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Explicit and automatic equality indexes of a memory table, and live queries starting from them. */
class EqualityIndexTest {
    private final MemoryTable<Msg> messages = MemoryTable.of("messages", Msg::id);
    private final AtomicInteger reads = new AtomicInteger();
    /** The channel field, counting how often it is read. */
    private final Field<Msg, Integer> countedChannel = new Field<>("channel", Integer.class, m -> {
        reads.incrementAndGet();
        return m.channel();
    });

    EqualityIndexTest() {
        messages.upsert(IntStream.range(0, 100).mapToObj(i -> new Msg("m" + i, i % 10, i % 3, i, "t")).toList());
    }

    @Test
    void createIndexIsIdempotent() {
        assertFalse(messages.hasIndex(countedChannel));
        messages.createIndex(countedChannel);
        assertTrue(messages.hasIndex(countedChannel));
        assertEquals(100, reads.get(), "building the index reads each row once");
        messages.createIndex(countedChannel);
        assertEquals(100, reads.get(), "a second declaration does not rebuild it");
        assertFalse(messages.hasIndex(USER), "only the declared field is indexed");
    }

    @Test
    void anIndexedQueryStartsFromTheMatchingRowsOnly() {
        messages.createIndex(countedChannel);
        reads.set(0);
        try (LiveQuery<Msg> live = Query.from(messages).where(Exprs.eq(countedChannel, 4)).live()) {
            assertEquals(List.of("m14", "m24", "m34", "m4", "m44", "m54", "m64", "m74", "m84", "m94"), sortedIds(live));
            assertEquals(10, reads.get(), "only the 10 matching rows are read, not the 100 of a scan");
        }
    }

    @Test
    void aQueryWithEqCreatesTheIndexAndStaysRightAsRowsChange() {
        assertFalse(messages.hasIndex(CHANNEL));
        try (LiveQuery<Msg> live = Query.from(messages)
                .where(Exprs.and(Exprs.gt(CREATED, 50), Exprs.eq(CHANNEL, 3))).live()) {
            assertTrue(messages.hasIndex(CHANNEL));
            assertFalse(messages.hasIndex(CREATED), "a range condition is not indexed");
            assertEquals(List.of("m53", "m63", "m73", "m83", "m93"), sortedIds(live));
            messages.upsert(new Msg("m63", 5, 0, 63, "moved"), new Msg("new", 3, 0, 99, "t"));
            messages.delete("m73");
            assertEquals(List.of("m53", "m83", "m93", "new"), sortedIds(live));
        }
        // The index followed every change, so a query started now reads the same rows from it.
        try (LiveQuery<Msg> again = Query.from(messages).where(Exprs.eq(CHANNEL, 3)).live()) {
            assertEquals(messages.rows().stream().filter(m -> m.channel() == 3).map(Msg::id).sorted().toList(),
                    sortedIds(again));
        }
    }

    @Test
    void conditionsNotImplyingEqualityScan() {
        try (LiveQuery<Msg> negated = Query.from(messages).where(Exprs.not(Exprs.eq(CHANNEL, 3))).live();
                LiveQuery<Msg> either = Query.from(messages)
                        .where(Exprs.or(Exprs.eq(USER, 1), Exprs.eq(CHANNEL, 3))).live()) {
            assertFalse(messages.hasIndex(CHANNEL));
            assertFalse(messages.hasIndex(USER));
            assertEquals(messages.rows().stream().filter(m -> m.channel() != 3).count(), negated.size());
            assertEquals(messages.rows().stream().filter(m -> m.user() == 1 || m.channel() == 3).count(),
                    either.size());
        }
    }

    @Test
    void eqOnNullUsesTheIndexToo() {
        messages.upsert(new Msg("nul", null, 0, 1, "t"));
        try (LiveQuery<Msg> live = Query.from(messages).where(Exprs.eq(CHANNEL, null)).live()) {
            assertTrue(messages.hasIndex(CHANNEL));
            assertEquals(List.of("nul"), sortedIds(live));
            messages.upsert(new Msg("m1", null, 0, 1, "t"));
            assertEquals(List.of("m1", "nul"), sortedIds(live));
        }
    }

    private static List<String> sortedIds(LiveQuery<Msg> live) {
        return live.snapshot().stream().map(Msg::id).sorted().toList();
    }
}
