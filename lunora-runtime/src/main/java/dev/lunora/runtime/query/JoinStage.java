package dev.lunora.runtime.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An equality join kept by two hash indexes on the join key: a change of one row touches exactly the rows it joins
 * with. A left join also yields each unmatched left row once, with an empty right side. Null keys match nothing.
 */
final class JoinStage<L, R, V> {
    private final Function<L, V> leftKey;
    private final Function<R, V> rightKey;
    private final boolean outer;
    private final Sink<Joined<L, R>> out;
    private final Map<V, Map<String, L>> lefts = new HashMap<>();
    private final Map<V, Map<String, R>> rights = new HashMap<>();

    JoinStage(Function<L, V> leftKey, Function<R, V> rightKey, boolean outer, Sink<Joined<L, R>> out) {
        this.leftKey = leftKey;
        this.rightKey = rightKey;
        this.outer = outer;
        this.out = out;
    }

    void pushLeft(List<Change<L>> changes) {
        Delta<Joined<L, R>> delta = new Delta<>();
        for (Change<L> change : changes) {
            String key = change.key();
            change.previous().ifPresent(row -> {
                V value = leftKey.apply(row);
                Map<String, R> matches = matches(rights, value);
                removeFrom(lefts, value, key);
                matches.forEach((rightRowKey, right) -> delta.out(pairKey(key, rightRowKey), joined(row, right)));
                if (outer && matches.isEmpty()) {
                    delta.out(unmatchedKey(key), new Joined<>(row, Optional.empty()));
                }
            });
            change.row().ifPresent(row -> {
                V value = leftKey.apply(row);
                Map<String, R> matches = matches(rights, value);
                if (value != null) {
                    lefts.computeIfAbsent(value, v -> new HashMap<>()).put(key, row);
                }
                matches.forEach((rightRowKey, right) -> delta.in(pairKey(key, rightRowKey), joined(row, right)));
                if (outer && matches.isEmpty()) {
                    delta.in(unmatchedKey(key), new Joined<>(row, Optional.empty()));
                }
            });
        }
        delta.flush(out);
    }

    void pushRight(List<Change<R>> changes) {
        Delta<Joined<L, R>> delta = new Delta<>();
        for (Change<R> change : changes) {
            String key = change.key();
            change.previous().ifPresent(row -> {
                V value = rightKey.apply(row);
                if (value == null) {
                    return;
                }
                boolean nowUnmatched = removeFrom(rights, value, key);
                matches(lefts, value).forEach((leftRowKey, left) -> {
                    delta.out(pairKey(leftRowKey, key), joined(left, row));
                    if (outer && nowUnmatched) {
                        delta.in(unmatchedKey(leftRowKey), new Joined<>(left, Optional.empty()));
                    }
                });
            });
            change.row().ifPresent(row -> {
                V value = rightKey.apply(row);
                if (value == null) {
                    return;
                }
                Map<String, R> group = rights.computeIfAbsent(value, v -> new HashMap<>());
                boolean wasUnmatched = group.isEmpty();
                group.put(key, row);
                matches(lefts, value).forEach((leftRowKey, left) -> {
                    if (outer && wasUnmatched) {
                        delta.out(unmatchedKey(leftRowKey), new Joined<>(left, Optional.empty()));
                    }
                    delta.in(pairKey(leftRowKey, key), joined(left, row));
                });
            });
        }
        delta.flush(out);
    }

    private Joined<L, R> joined(L left, R right) {
        return new Joined<>(left, Optional.of(right));
    }

    private static <V, X> Map<String, X> matches(Map<V, Map<String, X>> index, V value) {
        if (value == null) {
            return Map.of();
        }
        return index.getOrDefault(value, Map.of());
    }

    /** Removes {@code key} from the index entry of {@code value}; returns whether the entry is now empty. */
    private static <V, X> boolean removeFrom(Map<V, Map<String, X>> index, V value, String key) {
        if (value == null) {
            return true;
        }
        Map<String, X> group = index.get(value);
        if (group == null) {
            return true;
        }
        group.remove(key);
        if (group.isEmpty()) {
            index.remove(value);
            return true;
        }
        return false;
    }

    private static String pairKey(String left, String right) {
        return left + '\u001f' + right;
    }

    private static String unmatchedKey(String left) {
        return left + '\u001e';
    }
}
