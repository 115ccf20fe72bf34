package dev.lunora.runtime.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.meta.Field;
import dev.lunora.runtime.query.Aggregate;
import dev.lunora.runtime.query.Direction;
import dev.lunora.runtime.query.Exprs;
import dev.lunora.runtime.query.Group;
import dev.lunora.runtime.query.LiveQuery;
import dev.lunora.runtime.query.Query;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Server snapshots, optimistic overlay writes, rollbacks and scope filters on a live collection, under a filtered
 * window, a group-by and an indexed equality: after every step each live query, and an equality query started then
 * from the collection's index, equals its re-evaluation over the collection's snapshot.
 */
class LiveCollectionQueryPropertyTest {
    record Note(String id, int channel, int rank) {}

    /** One step on the collection. */
    sealed interface Step permits ServerSnapshot, Optimistic, Rollback, Scope {}

    record ServerSnapshot(List<Note> rows, Set<String> acknowledged) implements Step {}

    record Optimistic(Note row) implements Step {}

    record Rollback(String id) implements Step {}

    record Scope(int channel) implements Step {}

    private static final Field<Note, Integer> CHANNEL = new Field<>("channel", Integer.class, Note::channel);
    private static final Field<Note, Integer> RANK = new Field<>("rank", Integer.class, Note::rank);

    @Property(tries = 80)
    void queriesFollowOverlayAndBase(@ForAll("steps") List<Step> steps, @ForAll @IntRange(max = 3) int channel) {
        LiveCollection<Note> notes = new LiveCollection<>("notes", Note::id);
        Aggregate<Note, Long> count = Aggregate.count();
        Aggregate<Note, java.util.Optional<Integer>> max = Aggregate.max(RANK);
        try (LiveQuery<Note> top = Query.from(notes).where(Exprs.ne(CHANNEL, 2))
                .orderBy(RANK, Direction.DESC).orderBy(Comparator.comparing(Note::id), Direction.ASC).limit(3).live();
                LiveQuery<Group<Integer>> groups = Query.from(notes).groupBy(CHANNEL).aggregate(count, max).live();
                LiveQuery<Note> inChannel = Query.from(notes).where(Exprs.eq(CHANNEL, channel)).live()) {
            assertTrue(notes.hasIndex(CHANNEL));
            for (Step step : steps) {
                apply(notes, step);
                List<Note> rows = notes.snapshot();
                Set<Note> expected = rows.stream().filter(n -> n.channel() == channel).collect(Collectors.toSet());
                assertEquals(expected, Set.copyOf(inChannel.snapshot()));
                try (LiveQuery<Note> fromIndex = Query.from(notes).where(Exprs.eq(CHANNEL, channel)).live()) {
                    assertEquals(expected, Set.copyOf(fromIndex.snapshot()));
                }
                assertEquals(rows.stream().filter(n -> n.channel() != 2)
                        .sorted(Comparator.comparing(Note::rank).reversed().thenComparing(Note::id)).limit(3)
                        .toList(), top.snapshot());
                Map<Integer, List<Note>> byChannel = rows.stream().collect(Collectors.groupingBy(Note::channel));
                assertEquals(byChannel.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size() + "/"
                                + e.getValue().stream().map(Note::rank).max(Integer::compare).orElseThrow())
                        .sorted().toList(),
                        groups.snapshot().stream().map(g -> g.key() + "=" + g.get(count) + "/"
                                + g.get(max).orElseThrow()).sorted().toList());
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> ids = Arbitraries.integers().between(0, 9).map(i -> "n" + i);
        Arbitrary<Note> notes = Combinators.combine(ids, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 5)).as(Note::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(notes.list().ofMaxSize(8).map(LiveCollectionQueryPropertyTest::unique),
                        ids.set().ofMaxSize(4)).as(ServerSnapshot::new)),
                Tuple.of(4, notes.map(Optimistic::new)),
                Tuple.of(2, ids.map(Rollback::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 3).map(Scope::new)));
        return step.list().ofMaxSize(30);
    }

    private static List<Note> unique(List<Note> rows) {
        return rows.stream().collect(Collectors.toMap(Note::id, n -> n, (a, b) -> b)).values().stream()
                .sorted(Comparator.comparing(Note::id)).toList();
    }

    private static void apply(LiveCollection<Note> notes, Step step) {
        if (step instanceof ServerSnapshot snapshot) {
            notes.replaceBase(snapshot.rows(), snapshot.acknowledged()::contains);
        } else if (step instanceof Optimistic optimistic) {
            notes.putOverlay(optimistic.row());
        } else if (step instanceof Rollback rollback) {
            notes.removeOverlay(rollback.id()::equals);
        } else if (step instanceof Scope scope) {
            notes.overlayFilter(row -> Objects.equals(row.channel(), scope.channel()));
        }
    }
}
