package dev.lunora.runtime.query;

import static dev.lunora.runtime.query.Rows.CHANNEL;
import static dev.lunora.runtime.query.Rows.CREATED;
import static dev.lunora.runtime.query.Rows.NAME;
import static dev.lunora.runtime.query.Rows.TEXT;
import static dev.lunora.runtime.query.Rows.UID;
import static dev.lunora.runtime.query.Rows.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.runtime.query.Change.Kind;
import dev.lunora.runtime.query.Rows.Msg;
import dev.lunora.runtime.query.Rows.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** Each operator's output batches for hand-picked changes, and the change shapes of sources and publishers. */
class QueryOperatorsTest {
    private final MemoryTable<Msg> messages = MemoryTable.of("messages", Msg::id);
    private final MemoryTable<User> users = MemoryTable.of("users", User::id);
    private final List<ChangeBatch<?>> batches = new ArrayList<>();

    private static Msg msg(String id, int channel, int user, int createdAt) {
        return new Msg(id, channel, user, createdAt, "text " + id);
    }

    @Test
    void memoryTableBatchesCarryThePreviousRow() {
        List<ChangeBatch<Msg>> seen = new ArrayList<>();
        messages.upsert(msg("a", 1, 1, 1));
        messages.subscribeChanges(seen::add);
        messages.upsert(msg("a", 2, 1, 1), msg("b", 1, 1, 2));
        messages.delete("b", "nope");
        messages.upsert(msg("a", 2, 1, 1));
        assertEquals(List.of(Change.insert("a", msg("a", 1, 1, 1))), seen.get(0).changes());
        assertEquals(List.of(Change.update("a", msg("a", 1, 1, 1), msg("a", 2, 1, 1)),
                Change.insert("b", msg("b", 1, 1, 2))), seen.get(1).changes());
        assertEquals(List.of(Change.delete("b", msg("b", 1, 1, 2))), seen.get(2).changes());
        assertEquals(3, seen.size(), "an upsert of an equal row changes nothing");
    }

    @Test
    void changeRejectsAShapeThatContradictsItsKind() {
        assertThrows(IllegalArgumentException.class,
                () -> new Change<>(Kind.INSERT, "k", Optional.of("row"), Optional.of("old")));
        assertEquals(Optional.empty(), Change.between("k", Optional.of("x"), Optional.of("x")));
    }

    @Test
    void filterTurnsUpdatesAcrossTheConditionIntoInsertsAndDeletes() {
        messages.upsert(msg("a", 1, 1, 1));
        try (LiveQuery<Msg> live = Query.from(messages).where(Exprs.eq(CHANNEL, 7)).live()) {
            live.subscribe(batches::add);
            messages.upsert(msg("a", 7, 1, 1));
            messages.upsert(msg("a", 7, 2, 1));
            messages.upsert(msg("a", 3, 2, 1));
            messages.upsert(msg("b", 3, 2, 1));
            assertEquals(List.of(List.of(), List.of(Kind.INSERT), List.of(Kind.UPDATE), List.of(Kind.DELETE)),
                    kinds(), "a change outside the filter sends no batch");
        }
    }

    @Test
    void windowInsertAtTheTopPushesTheLastRowOut() {
        messages.upsert(msg("a", 7, 1, 1), msg("b", 7, 1, 2), msg("c", 7, 1, 3));
        try (LiveQuery<String> live = Query.from(messages).orderBy(CREATED, Direction.DESC).limit(2)
                .select(Msg::id).live()) {
            assertEquals(List.of("c", "b"), live.snapshot());
            live.subscribe(batches::add);
            messages.upsert(msg("d", 7, 1, 4));
            assertEquals(List.of("d", "c"), live.snapshot());
            assertEquals(List.of(Change.insert("d", "d"), Change.delete("b", "b")), batches.get(1).changes());
            messages.delete("d");
            assertEquals(List.of("c", "b"), live.snapshot());
        }
    }

    @Test
    void windowOffsetShiftsWhenARowBeforeItIsDeleted() {
        messages.upsert(msg("a", 7, 1, 1), msg("b", 7, 1, 2), msg("c", 7, 1, 3), msg("d", 7, 1, 4));
        try (LiveQuery<String> live = Query.from(messages).orderBy(CREATED, Direction.ASC).offset(1).limit(2)
                .select(Msg::id).live()) {
            assertEquals(List.of("b", "c"), live.snapshot());
            messages.delete("a");
            assertEquals(List.of("c", "d"), live.snapshot());
            messages.upsert(msg("b", 7, 1, 9));
            assertEquals(List.of("d", "b"), live.snapshot());
        }
    }

    @Test
    void renamingAUserUpdatesExactlyItsJoinedRows() {
        users.upsert(new User("u1", 1, "ann"), new User("u2", 2, "bob"));
        messages.upsert(msg("a", 7, 1, 1), msg("b", 7, 2, 2), msg("c", 7, 1, 3), msg("d", 7, 3, 4));
        try (LiveQuery<String> live = Query.from(messages).leftJoin(users, USER, UID)
                .orderBy(Joined.left(CREATED), Direction.ASC)
                .select(j -> j.left().id() + ":" + j.right().map(User::name).orElse("-")).live()) {
            assertEquals(List.of("a:ann", "b:bob", "c:ann", "d:-"), live.snapshot());
            live.subscribe(batches::add);
            users.upsert(new User("u1", 1, "anna"));
            assertEquals(List.of(Change.update("a\u001fu1", "a:ann", "a:anna"),
                    Change.update("c\u001fu1", "c:ann", "c:anna")), batches.get(1).changes());
            users.upsert(new User("u3", 3, "cy"));
            users.delete("u2");
            assertEquals(List.of("a:anna", "b:-", "c:anna", "d:cy"), live.snapshot());
        }
    }

    @Test
    void innerJoinDropsUnmatchedRowsAndFiltersOnTheRightSide() {
        users.upsert(new User("u1", 1, "ann"), new User("u2", 2, "bob"));
        messages.upsert(msg("a", 7, 1, 1), msg("b", 7, 2, 2), msg("d", 7, 3, 4));
        try (LiveQuery<String> live = Query.from(messages).join(users, USER, UID)
                .where(Exprs.like(Joined.right(NAME), "b%")).select(j -> j.left().id()).live()) {
            assertEquals(List.of("b"), live.snapshot());
        }
    }

    @Test
    void groupMinimumSurvivesTheDeleteOfItsRowAndEmptyGroupsDisappear() {
        Aggregate<Msg, Optional<Integer>> min = Aggregate.min(CREATED);
        Aggregate<Msg, Long> count = Aggregate.count();
        messages.upsert(msg("a", 7, 1, 5), msg("b", 7, 1, 2), msg("c", 8, 1, 3));
        try (LiveQuery<Group<Integer>> live = Query.from(messages).groupBy(CHANNEL).aggregate(min, count).live()) {
            live.subscribe(batches::add);
            messages.delete("b");
            Group<Integer> seven = live.snapshot().stream().filter(g -> g.key() == 7).findFirst().orElseThrow();
            assertEquals(Optional.of(5), seven.get(min));
            assertEquals(1L, seven.get(count));
            messages.delete("c");
            assertEquals(List.of(7), live.snapshot().stream().map(Group::key).toList());
            assertEquals(List.of(List.of(Kind.INSERT, Kind.INSERT), List.of(Kind.UPDATE), List.of(Kind.DELETE)),
                    kinds());
            assertThrows(IllegalArgumentException.class, () -> seven.get(Aggregate.count()));
        }
    }

    @Test
    void expressionsFollowTheirDocumentedNullRules() {
        Msg withNulls = new Msg("n", null, null, 1, "abc");
        assertTrue(Exprs.eq(CHANNEL, null).test(withNulls));
        assertFalse(Exprs.lt(CHANNEL, 3).test(withNulls));
        assertFalse(Exprs.in(CHANNEL, 1, 2).test(withNulls));
        assertTrue(Exprs.isNull(USER).test(withNulls));
        assertTrue(Exprs.and(Exprs.like(TEXT, "a_c"), Exprs.like(TEXT, "%c"), Exprs.isNotNull(TEXT)).test(withNulls));
        assertFalse(Exprs.like(TEXT, "a.c").test(withNulls), "regex characters are literal");
        assertTrue(Exprs.or(Exprs.ge(CREATED, 1), Exprs.gt(CREATED, 5)).test(withNulls));
    }

    @Test
    void stepsAfterTheWindowAreRejected() {
        Query<Msg> windowed = Query.from(messages).limit(3);
        assertThrows(IllegalStateException.class, () -> windowed.where(Exprs.eq(CHANNEL, 1)));
    }

    @Test
    void publisherHonoursDemandAndCompletesOnClose() {
        messages.upsert(msg("a", 7, 1, 1));
        LiveQuery<Msg> live = Query.from(messages).live();
        List<Object> signals = new ArrayList<>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        live.publisher().subscribe(new Flow.Subscriber<ChangeBatch<Msg>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
            }

            @Override
            public void onNext(ChangeBatch<Msg> item) {
                signals.add(item.changes().size());
            }

            @Override
            public void onError(Throwable error) {
                signals.add(error);
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        messages.upsert(msg("b", 7, 1, 1), msg("c", 7, 1, 1));
        assertEquals(List.of(), signals, "nothing is sent before it is requested");
        subscription[0].request(1);
        assertEquals(List.of(1), signals);
        live.close();
        subscription[0].request(5);
        assertEquals(List.of(1, 2, "complete"), signals);
    }

    private List<List<Kind>> kinds() {
        return batches.stream().map(b -> b.changes().stream().map(Change::kind).toList()).toList();
    }
}
