package dev.lunora.protocol.wire;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JavaScript {@code Map}: insertion-ordered entries whose keys may be any native value, compared under
 * SameValueZero (scalars by value, NaN equal to itself and -0 equal to 0; dates, bytes, collections and other
 * non-scalars by reference). Putting a key already present replaces its value in place and keeps the key first
 * stored. Keys and values may be null. Not thread-safe.
 */
public final class WireMap {
    private final LinkedHashMap<SameValueZero, Map.Entry<Object, Object>> entries = new LinkedHashMap<>();

    /** An empty map. */
    public WireMap() {
        // entries start empty
    }

    /** Sets {@code key} to {@code value}; an existing key keeps its position and its originally stored key. */
    public WireMap put(Object key, Object value) {
        SameValueZero lookup = SameValueZero.of(key);
        Map.Entry<Object, Object> old = entries.get(lookup);
        entries.put(lookup, new SimpleImmutableEntry<>(old == null ? key : old.getKey(), value));
        return this;
    }

    /** The value under {@code key} (SameValueZero), or empty when absent or mapped to null. */
    public Optional<Object> get(Object key) {
        Map.Entry<Object, Object> entry = entries.get(SameValueZero.of(key));
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.getValue());
    }

    /** Whether {@code key} (SameValueZero) is present. */
    public boolean containsKey(Object key) {
        return entries.containsKey(SameValueZero.of(key));
    }

    /** Removes {@code key}; returns whether it was present. */
    public boolean remove(Object key) {
        return entries.remove(SameValueZero.of(key)) != null;
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /** A snapshot of the entries in insertion order (entries may hold null keys and values). */
    public List<Map.Entry<Object, Object>> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireMap that && entries().equals(that.entries());
    }

    @Override
    public int hashCode() {
        return entries().hashCode();
    }

    @Override
    public String toString() {
        return "WireMap" + entries();
    }
}
