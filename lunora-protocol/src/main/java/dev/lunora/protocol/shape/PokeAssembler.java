package dev.lunora.protocol.shape;

import dev.lunora.protocol.frames.ServerFrame;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Buffers one socket's shape pokes and applies each atomically at its {@code pokeEnd} into per-shape keyed views
 * (protocol spec section 5.3). At most {@link #MAX_PENDING_POKES} unfinished pokes are buffered; the oldest is
 * evicted first. Thread-safe: every method is synchronized, and views are returned as snapshots.
 */
public final class PokeAssembler {
    /** The most unfinished pokes buffered at once. */
    public static final int MAX_PENDING_POKES = 64;

    /** An assembler with no views and no pending pokes. */
    public PokeAssembler() {
    }

    /**
     * Feeds a frame: poke frames are buffered or applied, any other frame is ignored.
     *
     * @return what was applied, when {@code frame} closed a known poke
     * @throws dev.lunora.protocol.wire.WireFormatException when a buffered row value is malformed wire; the poke
     *     is then discarded without touching any view
     */
    public synchronized Optional<AppliedPoke> accept(ServerFrame frame) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A snapshot of one shape's view: key to decoded row, in insertion order (empty for an unknown shape). */
    public synchronized Map<String, Object> rows(String shapeId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The checkpoint one shape's view is at, when it has one. */
    public synchronized OptionalLong checkpoint(String shapeId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The epoch one shape's view belongs to, when known. */
    public synchronized Optional<String> epoch(String shapeId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Drops one shape's view, checkpoint and epoch (e.g. on shape_unsubscribe). */
    public synchronized void dropShape(String shapeId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Discards every unfinished poke (the socket dropped mid-poke); views are kept. */
    public synchronized void discardPending() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The number of unfinished pokes buffered. */
    public synchronized int pendingPokes() {
        throw new UnsupportedOperationException("not yet");
    }
}
