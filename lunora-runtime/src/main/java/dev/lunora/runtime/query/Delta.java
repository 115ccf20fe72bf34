package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects an operator's output for one input batch and nets it per key: a row removed and added again becomes one
 * update, one added and removed again disappears. Not thread-safe.
 */
final class Delta<T> {
    private final Map<String, Net<T>> net = new LinkedHashMap<>();

    /** The row with {@code key} left the output; {@code row} was its value. */
    void out(String key, T row) {
        put(key, Optional.of(row), Optional.empty());
    }

    /** The row with {@code key} entered the output with value {@code row}. */
    void in(String key, T row) {
        put(key, Optional.empty(), Optional.of(row));
    }

    /** The row with {@code key} went from {@code before} to {@code after}. */
    void put(String key, Optional<T> before, Optional<T> after) {
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
        net.forEach((key, entry) -> Change.between(key, entry.before, entry.after).ifPresent(changes::add));
        net.clear();
        if (!changes.isEmpty()) {
            out.push(changes);
        }
    }

    /** A key's value before the batch and its latest value. */
    private static final class Net<T> {
        private final Optional<T> before;
        private Optional<T> after;

        Net(Optional<T> before, Optional<T> after) {
            this.before = before;
            this.after = after;
        }
    }
}
