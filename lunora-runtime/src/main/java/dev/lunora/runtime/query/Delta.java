package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects an operator's output for one input batch and nets it per key: a row removed and added again becomes one
 * update, one added and removed again disappears. Rows are never null, so null stands for "absent". Not
 * thread-safe.
 */
final class Delta<T> {
    private final Map<String, Net<T>> net = new LinkedHashMap<>();

    /** The row with {@code key} left the output; {@code row} was its value. */
    void out(String key, T row) {
        put(key, row, null);
    }

    /** The row with {@code key} entered the output with value {@code row}. */
    void in(String key, T row) {
        put(key, null, row);
    }

    /** The row with {@code key} went from {@code before} to {@code after} (null: absent). */
    void put(String key, T before, T after) {
        Net<T> entry = net.get(key);
        if (entry == null) {
            net.put(key, new Net<>(before, after));
        } else {
            entry.after = after;
        }
    }

    /** Pushes the net changes to {@code out}, if there are any, and forgets them. */
    void flush(Sink<T> out) {
        if (net.isEmpty()) {
            return;
        }
        List<Change<T>> changes = new ArrayList<>(net.size());
        for (Map.Entry<String, Net<T>> entry : net.entrySet()) {
            Change<T> change = Change.betweenOrNull(entry.getKey(), entry.getValue().before, entry.getValue().after);
            if (change != null) {
                changes.add(change);
            }
        }
        net.clear();
        if (!changes.isEmpty()) {
            out.push(changes);
        }
    }

    /** A key's value before the batch and its latest value; null where absent. */
    private static final class Net<T> {
        private final T before;
        private T after;

        Net(T before, T after) {
            this.before = before;
            this.after = after;
        }
    }
}
