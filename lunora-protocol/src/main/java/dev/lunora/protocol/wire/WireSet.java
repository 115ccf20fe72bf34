package dev.lunora.protocol.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A JavaScript {@code Set}: insertion-ordered items compared under SameValueZero (see {@link WireMap}); adding
 * an item already present keeps the first occurrence. Items may be null. Not thread-safe.
 */
public final class WireSet {
    private final LinkedHashMap<SameValueZero, Object> items = new LinkedHashMap<>();

    /** An empty set. */
    public WireSet() {
        // items start empty
    }

    /** Adds {@code item} unless a SameValueZero-equal item is present; returns whether it was added. */
    public boolean add(Object item) {
        SameValueZero key = SameValueZero.of(item);
        if (items.containsKey(key)) {
            return false;
        }
        items.put(key, item);
        return true;
    }

    /** Whether a SameValueZero-equal item is present. */
    public boolean contains(Object item) {
        return items.containsKey(SameValueZero.of(item));
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    /** A snapshot of the items in insertion order (may contain null). */
    public List<Object> items() {
        return Collections.unmodifiableList(new ArrayList<>(items.values()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireSet that && items().equals(that.items());
    }

    @Override
    public int hashCode() {
        return items().hashCode();
    }

    @Override
    public String toString() {
        return "WireSet" + items();
    }
}
