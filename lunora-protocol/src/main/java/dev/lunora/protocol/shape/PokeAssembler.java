package dev.lunora.protocol.shape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.frames.ServerFrame.PokeEnd;
import dev.lunora.protocol.frames.ServerFrame.PokePart;
import dev.lunora.protocol.frames.ServerFrame.PokeStart;
import dev.lunora.protocol.frames.ServerFrame.RowOp;
import dev.lunora.protocol.wire.WireCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Buffers one socket's shape pokes and applies each atomically at its {@code pokeEnd} into per-shape keyed views
 * (protocol spec section 5.3). At most {@link #MAX_PENDING_POKES} unfinished pokes are buffered; the oldest is
 * evicted first. A part whose base checkpoint does not match its shape's view, or whose epoch differs from the
 * view's, is not spliced on: the view is dropped and the shape reported stale. Thread-safe: every method is
 * synchronized, and views are returned as snapshots.
 */
public final class PokeAssembler {
    /** The most unfinished pokes buffered at once. */
    public static final int MAX_PENDING_POKES = 64;

    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> views = new HashMap<>();
    private final Map<String, Long> checkpoints = new HashMap<>();
    private final Map<String, String> epochs = new HashMap<>();

    /** An assembler with no views and no pending pokes. */
    public PokeAssembler() {
        // starts empty
    }

    /**
     * Feeds a frame: poke frames are buffered or applied, any other frame (and a part or end for a poke that was
     * never started or was evicted) is ignored.
     *
     * @return what was applied, when {@code frame} closed a buffered poke
     * @throws dev.lunora.protocol.wire.WireFormatException when a buffered row value is malformed wire; the poke
     *     is then discarded without touching any view
     */
    public synchronized Optional<AppliedPoke> accept(ServerFrame frame) {
        if (frame instanceof PokeStart start) {
            pending.remove(start.pokeId());
            pending.put(start.pokeId(), new Pending(start, new ArrayList<>()));
            for (Iterator<String> oldest = pending.keySet().iterator(); pending.size() > MAX_PENDING_POKES;) {
                oldest.next();
                oldest.remove();
            }
        } else if (frame instanceof PokePart part && pending.containsKey(part.pokeId())) {
            pending.get(part.pokeId()).parts().add(part);
        } else if (frame instanceof PokeEnd end && pending.containsKey(end.pokeId())) {
            return Optional.of(apply(pending.remove(end.pokeId()), end));
        }
        return Optional.empty();
    }

    private AppliedPoke apply(Pending poke, PokeEnd end) {
        // Decode every row before touching a view, so a malformed value leaves no torn view behind.
        List<Map<String, Object>> decoded = new ArrayList<>();
        for (PokePart part : poke.parts()) {
            Map<String, Object> rows = new LinkedHashMap<>();
            for (RowOp op : part.rowsPatch()) {
                op.value().ifPresent(value -> rows.put(op.key(), WireCodec.decode(value)));
            }
            decoded.add(rows);
        }
        Optional<String> epoch = end.epoch().or(() -> poke.start().epoch());
        Set<String> changed = new LinkedHashSet<>();
        Set<String> stale = new LinkedHashSet<>();
        for (int i = 0; i < poke.parts().size(); i++) {
            PokePart part = poke.parts().get(i);
            String shape = part.shapeId();
            if (stale.contains(shape) || !part.reset() && !splicesOn(part, poke, epoch)) {
                stale.add(shape);
                changed.remove(shape);
                dropShape(shape);
                continue;
            }
            Map<String, Object> view = views.computeIfAbsent(shape, s -> new LinkedHashMap<>());
            if (part.reset()) {
                view.clear();
            }
            for (RowOp op : part.rowsPatch()) {
                if ("delete".equals(op.op())) {
                    view.remove(op.key());
                } else if (decoded.get(i).containsKey(op.key()) && op.value().isPresent()) {
                    view.put(op.key(), decoded.get(i).get(op.key()));
                }
            }
            changed.add(shape);
        }
        for (String shape : changed) {
            end.checkpoint().ifPresent(checkpoint -> checkpoints.put(shape, checkpoint));
            epoch.ifPresent(e -> epochs.put(shape, e));
        }
        return new AppliedPoke(end.pokeId(), changed, stale);
    }

    /** Whether a diff part can be applied to its shape's current view (same epoch, no checkpoint gap). */
    private boolean splicesOn(PokePart part, Pending poke, Optional<String> epoch) {
        String shape = part.shapeId();
        if (epoch.isPresent() && epochs.containsKey(shape) && !epochs.get(shape).equals(epoch.get())) {
            return false;
        }
        OptionalLong base = part.baseCheckpoint().isPresent() || poke.parts().size() != 1
                ? part.baseCheckpoint() : poke.start().baseCheckpoint();
        return base.isEmpty() || !checkpoints.containsKey(shape) || checkpoints.get(shape) == base.getAsLong();
    }

    /** A snapshot of one shape's view: key to decoded row, in insertion order (empty for an unknown shape). */
    public synchronized Map<String, Object> rows(String shapeId) {
        Map<String, Object> view = views.get(shapeId);
        return view == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(view));
    }

    /** The checkpoint one shape's view is at, when it has one. */
    public synchronized OptionalLong checkpoint(String shapeId) {
        Long checkpoint = checkpoints.get(shapeId);
        return checkpoint == null ? OptionalLong.empty() : OptionalLong.of(checkpoint);
    }

    /** The epoch one shape's view belongs to, when known. */
    public synchronized Optional<String> epoch(String shapeId) {
        return Optional.ofNullable(epochs.get(shapeId));
    }

    /** Drops one shape's view, checkpoint and epoch (e.g. on shape_unsubscribe or a forced re-seed). */
    public synchronized void dropShape(String shapeId) {
        views.remove(shapeId);
        checkpoints.remove(shapeId);
        epochs.remove(shapeId);
    }

    /** Discards every unfinished poke (the socket dropped mid-poke); views are kept. */
    public synchronized void discardPending() {
        pending.clear();
    }

    /** The number of unfinished pokes buffered. */
    public synchronized int pendingPokes() {
        return pending.size();
    }

    /** One poke's start frame and the parts received so far. */
    private record Pending(PokeStart start, List<PokePart> parts) {
    }
}
