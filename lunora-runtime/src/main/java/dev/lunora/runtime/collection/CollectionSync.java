package dev.lunora.runtime.collection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.wire.RecordShape;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.outbox.RowCache;
import dev.lunora.runtime.transport.SocketTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one {@link LiveCollection} in step with the server: subscribes its list query (when it loads, or when it is
 * scoped), replaces the synced rows on every {@code data} frame, and reconciles the optimistic overlay: a pending row
 * stays shown until the server's row with the same key has arrived, or the server's cursor has passed the write's
 * commit, so the UI never flickers between the optimistic and the server row. Thread-safe.
 *
 * @param <R> the row record
 */
public final class CollectionSync<R extends Record> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CollectionSync.class.getName());

    private final CollectionDef<R> def;
    private final SocketTransport socket;
    private final LiveCollection<R> live;
    private final RowCache cache;
    private final ScheduledExecutorService timers;
    private ScheduledFuture<?> pause;
    private final Map<String, Long> acknowledgedAt = new HashMap<>();
    private AutoCloseable subscription;
    private Record args;
    private long generation;
    private long cursor = -1;

    /**
     * Creates the sync of {@code def}; an eager, unscoped collection starts syncing at once, a lazy one on demand.
     * Each server snapshot is saved to {@code cache}, and a (re)subscribed collection shows the cached rows of its
     * scope until the server answers.
     */
    public CollectionSync(CollectionDef<R> def, SocketTransport socket, RowCache cache,
                          ScheduledExecutorService timers) {
        this.def = def;
        this.socket = socket;
        this.cache = cache;
        this.timers = timers;
        this.live = new LiveCollection<>(def.name(), def.key());
        if (def.scopeBy().isEmpty()) {
            live.onDemand(this::load);
            if (def.load() == LoadMode.EAGER) {
                load();
            } else {
                live.onIdle(this::idle);
            }
        } else {
            live.overlayFilter(row -> false);
        }
    }

    /** The live collection this sync maintains. */
    public LiveCollection<R> collection() {
        return live;
    }

    /** The definition. */
    public CollectionDef<R> def() {
        return def;
    }

    /** Starts (or resumes) syncing an unscoped collection, if it is not syncing yet. */
    public synchronized void load() {
        if (pause != null) {
            pause.cancel(false);
            pause = null;
        }
        if (subscription == null && def.listArgs().isPresent()) {
            subscribe(def.listArgs().get());
        }
    }

    /** The last subscriber left: pause after the gc time unless one comes back. */
    private synchronized void idle() {
        if (pause == null && subscription != null) {
            pause = timers.schedule(this::pauseIfIdle, def.gcTime().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void pauseIfIdle() {
        pause = null;
        if (!live.hasSubscribers() && subscription != null) {
            closeSubscription();
            generation++;
            live.status(CollectionStatus.PAUSED);
        }
    }

    /**
     * Syncs the rows selected by {@code scopeArgs} (the list query's arguments) instead of the current ones. The old
     * rows stay visible until the new scope's first snapshot replaces them, so there is no empty flash.
     */
    public synchronized void scope(Record scopeArgs) {
        String field = def.scopeBy().orElseThrow(
                () -> new IllegalStateException("collection '" + def.name() + "' is not scoped"));
        if (scopeArgs.equals(args)) {
            return;
        }
        Object scopeValue = RecordShape.of(scopeArgs.getClass()).read(scopeArgs, component(scopeArgs.getClass(), field));
        RecordShape rows = RecordShape.of(def.rowType());
        int rowField = component(def.rowType(), field);
        live.overlayFilter(row -> Objects.equals(rows.read(row, rowField), scopeValue));
        subscribe(scopeArgs);
    }

    /** Stops syncing a scoped collection; it shows no rows until scoped again. */
    public synchronized void unscope() {
        closeSubscription();
        args = null;
        live.overlayFilter(row -> false);
        live.replaceBase(List.of(), key -> false);
        live.status(CollectionStatus.IDLE);
    }

    /** Shows a local write at once, over whatever the server holds. */
    public void applyOptimistic(R row) {
        live.putOverlay(row);
    }

    /** Removes a rejected write's optimistic row. */
    public void rollback(String rowKey) {
        synchronized (this) {
            acknowledgedAt.remove(rowKey);
        }
        live.removeOverlay(rowKey::equals);
    }

    /**
     * The server accepted the write of {@code rowKey} at {@code commitCursor}. Its optimistic row is dropped when the
     * server row arrives (or at once, when this collection is not syncing anything that could bring it).
     */
    public synchronized void acknowledged(String rowKey, OptionalLong commitCursor) {
        if (subscription == null || live.isSynced(rowKey)
                || (commitCursor.isPresent() && cursor >= commitCursor.getAsLong())) {
            live.removeOverlay(rowKey::equals);
        } else {
            acknowledgedAt.put(rowKey, commitCursor.orElse(0L));
        }
    }

    /** Stops syncing. */
    @Override
    public synchronized void close() {
        closeSubscription();
    }

    private void subscribe(Record listArgs) {
        closeSubscription();
        args = listArgs;
        long current = ++generation;
        live.status(CollectionStatus.LOADING);
        JsonNode wireArgs = WireJson.toWire(listArgs);
        String scope = WireJson.write(wireArgs);
        cache.load(def.name(), scope).ifPresent(rows -> showCached(rows));
        subscription = socket.subscribe(def.list().path(), wireArgs, frame -> onFrame(current, scope, frame));
    }

    private void showCached(List<JsonNode> wireRows) {
        try {
            List<R> rows = new ArrayList<>(wireRows.size());
            wireRows.forEach(row -> rows.add(WireJson.fromWire(row, def.rowType())));
            live.showCached(rows);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "ignoring unreadable cached rows of " + def.name(), e);
        }
    }

    private synchronized void onFrame(long frameGeneration, String scope, ServerFrame frame) {
        if (frameGeneration != generation) {
            return;
        }
        if (frame instanceof ServerFrame.Data data) {
            List<R> rows;
            try {
                rows = WireJson.fromWire(data.data(), def.list().resultType());
            } catch (RuntimeException e) {
                failed(new LunoraException("INTERNAL", "could not decode " + def.list().path() + ": " + e.getMessage()));
                return;
            }
            advance(data.cursor());
            if (data.data().isArray()) {
                List<JsonNode> wireRows = new ArrayList<>(data.data().size());
                data.data().forEach(wireRows::add);
                cache.save(def.name(), scope, wireRows);
            }
            Map<String, R> byKey = new HashMap<>();
            rows.forEach(row -> byKey.put(def.key().apply(row), row));
            live.replaceBase(rows, key -> byKey.containsKey(key) || covered(key));
            acknowledgedAt.keySet().removeIf(key -> byKey.containsKey(key) || covered(key));
        } else if (frame instanceof ServerFrame.Settled settled) {
            advance(settled.cursor());
            reconcile();
        } else if (frame instanceof ServerFrame.Resume resume) {
            advance(resume.cursor());
            reconcile();
        } else if (frame instanceof ServerFrame.Error error) {
            failed(new LunoraException(error.code(), error.message()));
        } else if (frame instanceof ServerFrame.Complete complete) {
            failed(complete.cancellation());
        }
    }

    private void advance(OptionalLong frameCursor) {
        frameCursor.ifPresent(value -> cursor = Math.max(cursor, value));
    }

    private boolean covered(String rowKey) {
        Long at = acknowledgedAt.get(rowKey);
        return at != null && cursor >= at;
    }

    private void reconcile() {
        live.removeOverlay(this::covered);
        acknowledgedAt.keySet().removeIf(this::covered);
    }

    private void failed(LunoraException error) {
        live.status(CollectionStatus.ERROR);
        try {
            def.onError().accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the onError listener of collection '" + def.name() + "' failed", e);
        }
        live.failed(error);
    }

    private void closeSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a subscription", e);
            }
            subscription = null;
        }
    }

    /** The index of record component {@code name} of {@code type}. */
    private static int component(Class<?> type, String name) {
        int index = RecordShape.of(type).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no component '" + name + "'");
        }
        return index;
    }

    @Override
    public String toString() {
        return "CollectionSync[" + def.name() + ", scope=" + Optional.ofNullable(args).map(Object::toString).orElse("-")
                + "]";
    }
}
