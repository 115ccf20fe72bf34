package dev.lunora.runtime.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Order with offset and limit: every row sits in a tree sorted by (sort keys, row key), and the window is the run of
 * rows from {@code first} to {@code last}. A row's sort keys are read once, when it enters the tree. One inserted or
 * deleted row moves each window end by at most one position, found with the tree's {@code lower}/{@code higher} in
 * O(log n), so a delta never walks the rows.
 */
final class WindowStage<W> {
    private final SortOrder<W> rowOrder;
    private final long offset;
    private final long limit;
    private final Sink<W> out;
    private final TreeSet<Slot<W>> sorted;
    private final Map<String, Slot<W>> slots = new HashMap<>();
    private Slot<W> first;
    private Slot<W> last;
    private long count;

    WindowStage(SortOrder<W> rowOrder, long offset, long limit, Sink<W> out) {
        this.rowOrder = rowOrder;
        this.offset = offset;
        this.limit = limit;
        this.out = out;
        this.sorted = new TreeSet<>(this::compare);
    }

    void push(List<Change<W>> changes) {
        // Updates that keep a row's place move nothing and go out as they came, until a row moves: from then on
        // everything is netted in a delta, starting with those updates.
        List<Change<W>> inPlace = new ArrayList<>(changes.size());
        Delta<W> delta = null;
        for (Change<W> change : changes) {
            String key = change.key();
            W row = change.row().orElse(null);
            Slot<W> old = change.previous().isPresent() ? slots.get(key) : null;
            Object[] sortKeys = row == null ? null : rowOrder.keysOf(row);
            if (old != null && row != null && rowOrder.compare(old.sortKeys, sortKeys) == 0) {
                if (inWindow(old)) {
                    if (delta == null) {
                        inPlace.add(change);
                    } else {
                        delta.put(key, old.row, row);
                    }
                }
                old.row = row;
                continue;
            }
            if (delta == null) {
                delta = new Delta<>();
                for (Change<W> done : inPlace) {
                    delta.put(done.key(), done.previous().orElseThrow(), done.row().orElseThrow());
                }
            }
            if (old != null) {
                slots.remove(key);
                remove(old, delta);
            }
            if (row != null) {
                Slot<W> slot = new Slot<>(key, sortKeys, row);
                slots.put(key, slot);
                insert(slot, delta);
            }
        }
        if (delta != null) {
            delta.flush(out);
        } else if (!inPlace.isEmpty()) {
            out.push(inPlace);
        }
    }

    /** The keys of the window's rows, in order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>((int) count);
        if (first != null) {
            for (Slot<W> slot : sorted.subSet(first, true, last, true)) {
                keys.add(slot.key);
            }
        }
        return keys;
    }

    private int compare(Slot<W> left, Slot<W> right) {
        int bySortKeys = rowOrder.compare(left.sortKeys, right.sortKeys);
        return bySortKeys != 0 ? bySortKeys : left.key.compareTo(right.key);
    }

    private boolean inWindow(Slot<W> slot) {
        if (first == null) {
            return false;
        }
        if (offset == 0 && limit == Long.MAX_VALUE) {
            return true; // the window is every row
        }
        return compare(slot, first) >= 0 && compare(slot, last) <= 0;
    }

    private void insert(Slot<W> slot, Delta<W> delta) {
        sorted.add(slot);
        if (limit == 0 || sorted.size() <= offset) {
            return;
        }
        if (first == null) {
            // The window was empty because there were exactly `offset` rows: the last row now fills it.
            first = sorted.last();
            last = first;
            count = 1;
            delta.in(first.key, first.row);
        } else if (compare(slot, first) < 0) {
            // Everything from the new row on moved one place down: the row before `first` enters at the top.
            first = sorted.lower(first);
            delta.in(first.key, first.row);
            dropLastIfOverfull(delta);
        } else if (count < limit || compare(slot, last) < 0) {
            delta.in(slot.key, slot.row);
            if (compare(slot, last) > 0) {
                last = slot;
            }
            dropLastIfOverfull(delta);
        }
    }

    private void dropLastIfOverfull(Delta<W> delta) {
        if (count < limit) {
            count++;
            return;
        }
        delta.out(last.key, last.row);
        last = sorted.lower(last);
    }

    private void remove(Slot<W> slot, Delta<W> delta) {
        if (first == null || (compare(slot, last) > 0)) {
            sorted.remove(slot);
            return;
        }
        Slot<W> nextFirst;
        if (compare(slot, first) < 0) {
            // Everything after the removed row moved one place up: `first` leaves at the top.
            sorted.remove(slot);
            delta.out(first.key, first.row);
            nextFirst = sorted.higher(first);
        } else {
            sorted.remove(slot);
            delta.out(slot.key, slot.row);
            nextFirst = slot == first ? sorted.higher(slot) : first;
        }
        Slot<W> entering = sorted.higher(last);
        if (entering != null) {
            delta.in(entering.key, entering.row);
            last = entering;
        } else {
            count--;
            if (slot == last) {
                last = sorted.lower(slot);
            }
        }
        first = count == 0 ? null : nextFirst;
        if (count == 0) {
            last = null;
        }
    }

    /** A row's place in the order; its row is replaced in place when its sort keys do not change. */
    private static final class Slot<W> {
        private final String key;
        private final Object[] sortKeys;
        private W row;

        Slot(String key, Object[] sortKeys, W row) {
            this.key = key;
            this.sortKeys = sortKeys;
            this.row = row;
        }
    }
}
