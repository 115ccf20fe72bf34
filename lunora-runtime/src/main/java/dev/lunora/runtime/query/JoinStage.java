package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An equality join kept by two hash indexes on the join key: a change of one row touches exactly the rows it joins
 * with. A left join also yields each unmatched left row once, with an empty right side. Null keys match nothing. A
 * row changed without changing its join key (an edited message, a renamed user) updates its joined rows in place, and
 * each indexed left row keeps the output keys it was last emitted under, so re-emitting it builds no new key.
 */
final class JoinStage<L, R, V> {
    private final Function<L, V> leftKey;
    private final Function<R, V> rightKey;
    private final boolean outer;
    private final Sink<Joined<L, R>> out;
    private final Map<V, Map<String, LeftRow<L>>> lefts = new HashMap<>();
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
            L before = change.previous().orElse(null);
            L after = change.row().orElse(null);
            V oldValue = before == null ? null : leftKey.apply(before);
            V newValue = after == null ? null : leftKey.apply(after);
            if (before != null && after != null && newValue != null && newValue.equals(oldValue)) {
                LeftRow<L> left = lefts.get(newValue).get(key);
                left.row = after;
                Map<String, R> matches = matches(rights, newValue);
                for (Map.Entry<String, R> right : matches.entrySet()) {
                    delta.put(left.pairKey(right.getKey()), joined(before, right.getValue()),
                            joined(after, right.getValue()));
                }
                if (outer && matches.isEmpty()) {
                    delta.put(left.unmatchedKey(), unmatched(before), unmatched(after));
                }
                continue;
            }
            LeftRow<L> left = null;
            if (before != null) {
                left = removeLeft(oldValue, key);
                Map<String, R> matches = matches(rights, oldValue);
                for (Map.Entry<String, R> right : matches.entrySet()) {
                    delta.out(left.pairKey(right.getKey()), joined(before, right.getValue()));
                }
                if (outer && matches.isEmpty()) {
                    delta.out(left.unmatchedKey(), unmatched(before));
                }
            }
            if (after != null) {
                if (left == null) {
                    left = new LeftRow<>(key);
                }
                left.row = after;
                if (newValue != null) {
                    lefts.computeIfAbsent(newValue, v -> new HashMap<>()).put(key, left);
                }
                Map<String, R> matches = matches(rights, newValue);
                for (Map.Entry<String, R> right : matches.entrySet()) {
                    delta.in(left.pairKey(right.getKey()), joined(after, right.getValue()));
                }
                if (outer && matches.isEmpty()) {
                    delta.in(left.unmatchedKey(), unmatched(after));
                }
            }
        }
        delta.flush(out);
    }

    void pushRight(List<Change<R>> changes) {
        if (changes.size() == 1 && pushRightInPlace(changes.get(0))) {
            return;
        }
        Delta<Joined<L, R>> delta = new Delta<>();
        for (Change<R> change : changes) {
            String key = change.key();
            R before = change.previous().orElse(null);
            R after = change.row().orElse(null);
            V oldValue = before == null ? null : rightKey.apply(before);
            V newValue = after == null ? null : rightKey.apply(after);
            if (oldValue != null) {
                boolean nowUnmatched = removeRight(oldValue, key);
                for (LeftRow<L> left : matches(lefts, oldValue).values()) {
                    delta.out(left.pairKey(key), joined(left.row, before));
                    if (outer && nowUnmatched) {
                        delta.in(left.unmatchedKey(), unmatched(left.row));
                    }
                }
            }
            if (newValue != null) {
                Map<String, R> group = rights.computeIfAbsent(newValue, v -> new HashMap<>());
                boolean wasUnmatched = group.isEmpty();
                group.put(key, after);
                for (LeftRow<L> left : matches(lefts, newValue).values()) {
                    if (outer && wasUnmatched) {
                        delta.out(left.unmatchedKey(), unmatched(left.row));
                    }
                    delta.in(left.pairKey(key), joined(left.row, after));
                }
            }
        }
        delta.flush(out);
    }

    /**
     * A batch of one right row changed without changing its join key: its joined rows are updated in place, each
     * once, so there is nothing to net and the updates go out directly. Returns false for any other change.
     */
    private boolean pushRightInPlace(Change<R> change) {
        R before = change.previous().orElse(null);
        R after = change.row().orElse(null);
        if (before == null || after == null) {
            return false;
        }
        V value = rightKey.apply(after);
        if (value == null || !value.equals(rightKey.apply(before))) {
            return false;
        }
        rights.get(value).put(change.key(), after);
        Collection<LeftRow<L>> matched = matches(lefts, value).values();
        if (matched.isEmpty() || before.equals(after)) {
            return true;
        }
        Optional<R> oldRight = Optional.of(before);
        Optional<R> newRight = Optional.of(after);
        List<Change<Joined<L, R>>> updates = new ArrayList<>(matched.size());
        for (LeftRow<L> left : matched) {
            // The right rows differ, so the joined rows do too.
            updates.add(Change.update(left.pairKey(change.key()), new Joined<>(left.row, oldRight),
                    new Joined<>(left.row, newRight)));
        }
        out.push(updates);
        return true;
    }

    private Joined<L, R> joined(L left, R right) {
        return new Joined<>(left, Optional.of(right));
    }

    private Joined<L, R> unmatched(L left) {
        return new Joined<>(left, Optional.empty());
    }

    private static <V, X> Map<String, X> matches(Map<V, Map<String, X>> index, V value) {
        if (value == null) {
            return Map.of();
        }
        return index.getOrDefault(value, Map.of());
    }

    /** Takes the left row {@code key} out of the index entry of {@code value}; a fresh one when it was not indexed. */
    private LeftRow<L> removeLeft(V value, String key) {
        Map<String, LeftRow<L>> group = value == null ? null : lefts.get(value);
        LeftRow<L> left = group == null ? null : group.remove(key);
        if (group != null && group.isEmpty()) {
            lefts.remove(value);
        }
        return left != null ? left : new LeftRow<>(key);
    }

    /** Removes the right row {@code key} from the index entry of {@code value}; returns whether it is now empty. */
    private boolean removeRight(V value, String key) {
        Map<String, R> group = rights.get(value);
        if (group == null) {
            return true;
        }
        group.remove(key);
        if (group.isEmpty()) {
            rights.remove(value);
            return true;
        }
        return false;
    }

    /** A left row in the index with the output keys it was last emitted under. */
    private static final class LeftRow<L> {
        private final String key;
        private L row;
        private String pairedWith;
        private String pairKey;
        private String unmatchedKey;

        LeftRow(String key) {
            this.key = key;
        }

        /** The key of this row joined with the right row {@code rightKey}. */
        String pairKey(String rightKey) {
            if (!Objects.equals(rightKey, pairedWith)) {
                pairKey = key + '\u001f' + rightKey;
                pairedWith = rightKey;
            }
            return pairKey;
        }

        /** The key of this row with no right row. */
        String unmatchedKey() {
            if (unmatchedKey == null) {
                unmatchedKey = key + '\u001e';
            }
            return unmatchedKey;
        }
    }
}
