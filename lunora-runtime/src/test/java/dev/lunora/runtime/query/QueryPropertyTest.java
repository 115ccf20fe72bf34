package dev.lunora.runtime.query;

import static dev.lunora.runtime.query.Rows.CHANNEL;
import static dev.lunora.runtime.query.Rows.CREATED;
import static dev.lunora.runtime.query.Rows.MSG_ID;
import static dev.lunora.runtime.query.Rows.NAME;
import static dev.lunora.runtime.query.Rows.TEXT;
import static dev.lunora.runtime.query.Rows.UID;
import static dev.lunora.runtime.query.Rows.USER;
import static dev.lunora.runtime.query.Rows.USER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lunora.runtime.query.Rows.Msg;
import dev.lunora.runtime.query.Rows.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random operation sequences on two memory tables against random queries: after every step the live result equals a
 * naive re-evaluation, and the change batches a subscriber saw rebuild exactly that result.
 */
class QueryPropertyTest {
    /** One step on the tables. */
    sealed interface Op permits UpsertMsgs, DeleteMsgs, UpsertUser, DeleteUser, RenameUser, EditMsgs {}

    record UpsertMsgs(List<Msg> rows) implements Op {}

    record DeleteMsgs(List<String> ids) implements Op {}

    record UpsertUser(User row) implements Op {}

    record DeleteUser(String id) implements Op {}

    /** Renames an existing user, keeping its join key: the joined rows change in place. */
    record RenameUser(String id, String name) implements Op {}

    /** Rewrites the text of existing messages, keeping channel, author and time: their rows keep their place. */
    record EditMsgs(List<String> ids, String text) implements Op {}

    /** A result row of the join queries. */
    record Line(String id, int createdAt, Optional<String> author) {}

    @Property(tries = 60)
    void filteredWindowMatchesReEvaluation(@ForAll("ops") List<Op> ops, @ForAll @IntRange(max = 3) int channel,
            @ForAll @IntRange(max = 3) int offset, @ForAll @IntRange(max = 5) int limit, @ForAll boolean desc) {
        Comparator<Msg> order = Comparator.comparing(Msg::createdAt);
        order = (desc ? order.reversed() : order).thenComparing(Msg::id);
        Comparator<Msg> reference = order;
        check(ops, (messages, users) -> Query.from(messages)
                        .where(Exprs.eq(CHANNEL, channel))
                        .orderBy(CREATED, desc ? Direction.DESC : Direction.ASC)
                        .orderBy(MSG_ID, Direction.ASC)
                        .offset(offset).limit(limit)
                        .select(Msg::text),
                (messages, users) -> messages.stream().filter(m -> Objects.equals(m.channel(), channel))
                        .sorted(reference).skip(offset).limit(limit).map(Msg::text).toList(), true);
    }

    @Property(tries = 60)
    void indexedEqualityMatchesReEvaluation(@ForAll("ops") List<Op> ops, @ForAll @IntRange(max = 3) int channel,
            @ForAll boolean nullChannel) {
        Integer value = nullChannel ? null : channel;
        check(ops, (messages, users) -> Query.from(messages).where(Exprs.eq(CHANNEL, value)),
                (messages, users) -> messages.stream().filter(m -> Objects.equals(m.channel(), value)).toList(),
                false);
    }

    @Property(tries = 60)
    void comparisonsMatchReEvaluation(@ForAll("ops") List<Op> ops, @ForAll Expr.Op op,
            @ForAll @IntRange(max = 3) int channel, @ForAll @IntRange(max = 6) int createdAt, @ForAll boolean negate) {
        Expr<Msg> compared = switch (op) {
            case EQ -> Exprs.eq(CHANNEL, channel);
            case NE -> Exprs.ne(CHANNEL, channel);
            case LT -> Exprs.lt(CHANNEL, channel);
            case LE -> Exprs.le(CHANNEL, channel);
            case GT -> Exprs.gt(CHANNEL, channel);
            case GE -> Exprs.ge(CHANNEL, channel);
        };
        Expr<Msg> both = Exprs.and(compared, Exprs.or(Exprs.le(CREATED, createdAt), Exprs.isNull(USER)));
        Expr<Msg> condition = negate ? Exprs.not(both) : both;
        check(ops, (messages, users) -> Query.from(messages).where(condition)
                        .orderBy(CREATED, Direction.ASC).orderBy(MSG_ID, Direction.DESC),
                (messages, users) -> messages.stream()
                        .filter(m -> negate != (holds(m.channel(), op, channel)
                                && (m.createdAt() <= createdAt || m.user() == null)))
                        .sorted(Comparator.comparingInt(Msg::createdAt).thenComparing(Msg::id,
                                Comparator.reverseOrder()))
                        .toList(), true);
    }

    /** The reference of a comparison: a null value equals only null and orders with nothing. */
    private static boolean holds(Integer actual, Expr.Op op, int value) {
        if (actual == null) {
            return op == Expr.Op.NE;
        }
        return switch (op) {
            case EQ -> actual == value;
            case NE -> actual != value;
            case LT -> actual < value;
            case LE -> actual <= value;
            case GT -> actual > value;
            case GE -> actual >= value;
        };
    }

    @Property(tries = 60)
    void joinsMatchReEvaluation(@ForAll("ops") List<Op> ops, @ForAll boolean outer) {
        Comparator<Line> order = Comparator.comparingInt(Line::createdAt).thenComparing(Line::id)
                .thenComparing(line -> line.author().orElse(""));
        check(ops, (messages, users) -> {
            Query<Msg> inChannels = Query.from(messages).where(Exprs.in(CHANNEL, 1, 2));
            Query<Joined<Msg, User>> joined = outer ? inChannels.leftJoin(users, USER, UID)
                    : inChannels.join(users, USER, UID);
            return joined.where(Exprs.ne(Joined.left(TEXT), "skip"))
                    .orderBy(Joined.left(CREATED), Direction.ASC)
                    .orderBy(Joined.left(MSG_ID), Direction.ASC)
                    .orderBy(Comparator.comparing((Joined<Msg, User> j) -> j.right().map(User::name).orElse("")),
                            Direction.ASC)
                    .select(j -> new Line(j.left().id(), j.left().createdAt(), j.right().map(User::name)));
        }, (messages, users) -> {
            List<Line> lines = new ArrayList<>();
            for (Msg m : messages) {
                if (m.channel() == null || (m.channel() != 1 && m.channel() != 2) || m.text().equals("skip")) {
                    continue;
                }
                List<User> matches = users.stream().filter(u -> m.user() != null && m.user().equals(u.uid()))
                        .toList();
                matches.forEach(u -> lines.add(new Line(m.id(), m.createdAt(), Optional.of(u.name()))));
                if (outer && matches.isEmpty()) {
                    lines.add(new Line(m.id(), m.createdAt(), Optional.empty()));
                }
            }
            lines.sort(order);
            return lines;
        }, true);
    }

    @Property(tries = 60)
    void groupsMatchReEvaluation(@ForAll("ops") List<Op> ops, @ForAll @IntRange(max = 2) long minCount) {
        Aggregate<Msg, Long> count = Aggregate.count();
        Aggregate<Msg, Long> sum = Aggregate.sum(CREATED);
        Aggregate<Msg, Optional<Integer>> min = Aggregate.min(CREATED);
        Aggregate<Msg, Optional<String>> max = Aggregate.max(TEXT);
        Aggregate<Msg, Optional<Double>> avg = Aggregate.avg(USER);
        check(ops, (messages, users) -> Query.from(messages)
                        .where(Exprs.or(Exprs.not(Exprs.like(TEXT, "%skip%")), Exprs.isNull(USER)))
                        .groupBy(CHANNEL).aggregate(count, sum, min, max, avg)
                        .having(g -> g.get(count) >= minCount)
                        .select(g -> List.of(String.valueOf(g.key()), g.get(count), g.get(sum), g.get(min),
                                g.get(max), g.get(avg).map(a -> Math.round(a * 1000)))),
                (messages, users) -> {
                    Map<Integer, List<Msg>> groups = new HashMap<>();
                    messages.stream().filter(m -> !m.text().contains("skip") || m.user() == null)
                            .forEach(m -> groups.computeIfAbsent(m.channel(), k -> new ArrayList<>()).add(m));
                    List<List<Object>> result = new ArrayList<>();
                    groups.forEach((key, rows) -> {
                        if (rows.size() >= minCount) {
                            List<Integer> userIds = rows.stream().map(Msg::user).filter(Objects::nonNull).toList();
                            Optional<Double> mean = userIds.isEmpty() ? Optional.empty()
                                    : Optional.of(userIds.stream().mapToInt(Integer::intValue).average().orElseThrow());
                            result.add(List.of(String.valueOf(key), (long) rows.size(),
                                    rows.stream().mapToLong(Msg::createdAt).sum(),
                                    rows.stream().map(Msg::createdAt).min(Comparator.naturalOrder()),
                                    rows.stream().map(Msg::text).max(Comparator.naturalOrder()),
                                    mean.map(a -> Math.round(a * 1000))));
                        }
                    });
                    return result;
                }, false);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> msgIds = Arbitraries.integers().between(0, 14).map(i -> "m" + i);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
        Arbitrary<Msg> msgs = Combinators.combine(msgIds, small.injectNull(0.15), small.injectNull(0.15),
                Arbitraries.integers().between(0, 6), Arbitraries.of("a", "b1", "c12", "skip", "xskipx"))
                .as(Msg::new);
        Arbitrary<User> userRows = Combinators.combine(Arbitraries.integers().between(0, 5).map(i -> "u" + i),
                small.injectNull(0.1), Arbitraries.of("ann", "bob", "cy")).as(User::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, msgs.list().ofMinSize(1).ofMaxSize(4).map(UpsertMsgs::new)),
                net.jqwik.api.Tuple.of(2, msgIds.list().ofMinSize(1).ofMaxSize(3).map(DeleteMsgs::new)),
                net.jqwik.api.Tuple.of(2, userRows.map(UpsertUser::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 5).map(i -> "u" + i)
                        .map(DeleteUser::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 5).map(i -> "u" + i),
                        Arbitraries.of("ann", "bob", "cy", "dee")).as(RenameUser::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(msgIds.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of("a", "b1", "skip", "zz")).as(EditMsgs::new)));
        return op.list().ofMaxSize(40);
    }

    private <T> void check(List<Op> ops, QueryFactory<T> query, Reference<T> reference, boolean ordered) {
        MemoryTable<Msg> messages = MemoryTable.of("messages", Msg::id);
        MemoryTable<User> users = MemoryTable.of("users", User::id);
        // Half the rows exist before the query starts, the rest arrive as deltas.
        int split = ops.size() / 2;
        ops.subList(0, split).forEach(op -> apply(op, messages, users));
        try (LiveQuery<T> live = query.create(messages, users).live()) {
            Map<String, T> seen = new TreeMap<>();
            AutoCloseable watch = live.subscribe(batch -> replay(seen, batch));
            assertResult(live, seen, reference.evaluate(rows(messages), rows(users)), ordered);
            for (Op op : ops.subList(split, ops.size())) {
                apply(op, messages, users);
                assertResult(live, seen, reference.evaluate(rows(messages), rows(users)), ordered);
            }
            watch.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        // A query started after the changes reads any index the first one created, so it checks their upkeep.
        try (LiveQuery<T> again = query.create(messages, users).live()) {
            List<T> expected = reference.evaluate(rows(messages), rows(users));
            assertEquals(ordered ? expected : sorted(expected), ordered ? again.snapshot() : sorted(again.snapshot()));
        }
    }

    private static <T> void assertResult(LiveQuery<T> live, Map<String, T> seen, List<T> expected, boolean ordered) {
        List<T> actual = live.snapshot();
        if (ordered) {
            assertEquals(expected, actual);
        } else {
            assertEquals(sorted(expected), sorted(actual));
        }
        assertEquals(sorted(actual), sorted(new ArrayList<>(seen.values())), "the change stream rebuilds the result");
    }

    private static <T> void replay(Map<String, T> seen, ChangeBatch<T> batch) {
        for (Change<T> change : batch.changes()) {
            assertEquals(change.previous(), Optional.ofNullable(seen.get(change.key())), "previous of " + change);
            change.row().ifPresentOrElse(row -> seen.put(change.key(), row), () -> seen.remove(change.key()));
        }
    }

    private static <T> List<String> sorted(List<T> rows) {
        return rows.stream().map(String::valueOf).sorted().collect(Collectors.toList());
    }

    private static <R> List<R> rows(MemoryTable<R> table) {
        return List.copyOf(table.rows());
    }

    private static void apply(Op op, MemoryTable<Msg> messages, MemoryTable<User> users) {
        if (op instanceof UpsertMsgs upsert) {
            messages.upsert(upsert.rows());
        } else if (op instanceof DeleteMsgs delete) {
            messages.delete(delete.ids().toArray(String[]::new));
        } else if (op instanceof UpsertUser upsert) {
            users.upsert(upsert.row());
        } else if (op instanceof DeleteUser delete) {
            users.delete(delete.id());
        } else if (op instanceof RenameUser rename) {
            users.get(rename.id()).ifPresent(user -> users.upsert(new User(user.id(), user.uid(), rename.name())));
        } else if (op instanceof EditMsgs edit) {
            messages.upsert(edit.ids().stream().flatMap(id -> messages.get(id).stream())
                    .map(m -> new Msg(m.id(), m.channel(), m.user(), m.createdAt(), edit.text())).toList());
        }
    }

    /** Builds the query under test over the two tables. */
    @FunctionalInterface
    interface QueryFactory<T> {
        Query<T> create(MemoryTable<Msg> messages, MemoryTable<User> users);
    }

    /** The naive evaluation of the same query over the tables' current rows. */
    @FunctionalInterface
    interface Reference<T> {
        List<T> evaluate(List<Msg> messages, List<User> users);
    }

}
