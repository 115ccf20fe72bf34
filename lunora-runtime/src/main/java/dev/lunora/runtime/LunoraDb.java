package dev.lunora.runtime;

import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.collection.CollectionDef;
import dev.lunora.runtime.collection.CollectionSync;
import dev.lunora.runtime.collection.InsertBinding;
import dev.lunora.runtime.collection.LiveCollection;
import dev.lunora.runtime.collection.Optimistic;
import dev.lunora.runtime.outbox.Outbox;
import dev.lunora.runtime.outbox.OutboxDrainer;
import dev.lunora.runtime.outbox.OutboxEntry;
import dev.lunora.runtime.outbox.RowCache;
import dev.lunora.runtime.outbox.SharedOutboxEvents;
import dev.lunora.runtime.outbox.WriteVerdicts;
import dev.lunora.runtime.transport.SocketTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client data layer: one live collection per table, synced from the server over one WebSocket, and actions whose
 * writes show at once, are stored in the outbox before the action returns, are sent in order and retried through any
 * outage, and are either confirmed (the server row replaces the optimistic one) or rolled back with
 * {@link LunoraOptions#onWriteRejected()}. Writes left in the outbox by an earlier run are shown again and replayed
 * at start. Several processes may open one outbox file: each stores its writes in it and shows them, exactly one
 * (the leader, {@link LunoraOptions#onLeadershipChange()}) sends them, and each learns the verdicts on its own writes
 * from the file. Thread-safe. The generated {@code LunoraCollections} wraps this in typed accessors.
 */
public final class LunoraDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LunoraDb.class.getName());

    private final LunoraOptions options;
    private final LunoraClient client;
    private final Outbox outbox;
    private final RowCache cache;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lunora-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final SocketTransport socket;
    private final OutboxDrainer drainer;
    private final Map<String, CollectionSync<?>> syncs = new LinkedHashMap<>();
    private final Map<String, WriteTransaction> transactions = new ConcurrentHashMap<>();
    private final RandomIds ids = new RandomIds();
    private volatile boolean leader;

    private LunoraDb(LunoraClient client, List<CollectionDef<?>> defs, LunoraOptions options) {
        this.options = options;
        this.client = client;
        this.outbox = Outbox.open(client.outboxFile(), client.durability(),
                failure -> deliver(() -> options.onStorageFailure().accept(failure)));
        this.cache = RowCache.open(outbox.isDurable() ? client.outboxFile() : Optional.empty());
        this.socket = new SocketTransport(client.origin(), client.token(), outbox.clientId());
        for (CollectionDef<?> def : defs) {
            if (syncs.put(def.name(), new CollectionSync<>(def, socket, cache, timers)) != null) {
                throw new IllegalArgumentException("two collections are named '" + def.name() + "'");
            }
        }
        this.drainer = new OutboxDrainer(outbox, client.rpc(), new Verdicts(), client.identity(), new Peers());
    }

    /**
     * Defines the collections and starts syncing: the socket connects in the background, eager collections load, and
     * writes recovered from the outbox are shown and replayed. Never blocks on the network.
     */
    public static LunoraDb define(LunoraClient client, List<CollectionDef<?>> defs, LunoraOptions options) {
        LunoraDb db = new LunoraDb(client, defs, options);
        db.recover(db.outbox.recovered());
        db.socket.onConnectionChange(connected -> {
            if (connected) {
                db.drainer.wake(true);
            }
        });
        db.socket.start();
        db.drainer.start();
        return db;
    }

    /** The live collection {@code name}, whose rows are {@code rowType}. */
    public <R extends Record> LiveCollection<R> collection(String name, Class<R> rowType) {
        return sync(name, rowType).collection();
    }

    /**
     * Writes through the insert binding of collection {@code name}: builds the optimistic row with {@code row} from a
     * new client id and the local time, shows it, stores the write durably in the outbox and wakes the sender. When
     * this returns the row is visible and the write survives a kill of the process (unless storage has failed).
     *
     * @throws IllegalStateException when the collection has no insert binding
     */
    public <R extends Record> ActionResult<R> act(String name, Class<R> rowType, Optimistic<R> row) {
        CollectionSync<R> sync = sync(name, rowType);
        InsertBinding<R, ?> binding = sync.def().insert().orElseThrow(() -> new IllegalStateException(
                "collection '" + name + "' has no insert binding: no mutation inserts into it"));
        String id = ids.next();
        WriteTransaction transaction = new WriteTransaction(id);
        transactions.put(id, transaction);
        outbox.append(showOptimistic(sync, binding, row.build(id, System.currentTimeMillis()), id));
        drainer.wake(false);
        return new ActionResult<>(Id.of(id), transaction);
    }

    /** Scopes collection {@code name} to the rows its list query returns for {@code listArgs}. */
    public void scope(String name, Record listArgs) {
        sync(name).scope(listArgs);
    }

    /** Unscopes collection {@code name}: it shows nothing until scoped again. */
    public void unscope(String name) {
        sync(name).unscope();
    }

    /** The number of writes the server has not settled yet. */
    public int pendingCount() {
        return outbox.pendingCount();
    }

    /**
     * The writes the server has not settled yet, oldest first, each with its retry count and last transient error:
     * what a UI needs for a "3 messages waiting, last error: offline" badge. A copy; it does not change.
     */
    public List<OutboxEntry> pendingWrites() {
        return outbox.pendingWrites();
    }

    /**
     * Whether this process is the one sending the outbox's writes: always on an outbox of its own, and on an outbox
     * file shared by several processes, exactly one of them at a time (the others take over within a few seconds
     * when it dies).
     */
    public boolean isLeader() {
        return leader;
    }

    /** Whether the outbox persists writes (false after a storage failure, or without an outbox file). */
    public boolean isDurable() {
        return outbox.isDurable();
    }

    /** The id this client's writes are issued under (stable across restarts on one outbox file). */
    public String clientId() {
        return outbox.clientId();
    }

    /** Stops syncing and sending; pending writes stay in the outbox for the next start. */
    @Override
    public void close() {
        drainer.close();
        syncs.values().forEach(CollectionSync::close);
        timers.shutdown();
        socket.close();
        cache.close();
        outbox.close();
    }

    /** Shows the optimistic row and returns the write to store for it. */
    private <R extends Record, A extends Record> OutboxEntry showOptimistic(
            CollectionSync<R> sync, InsertBinding<R, A> binding, R row, String id) {
        A args = binding.toArgs().apply(row);
        sync.applyOptimistic(row);
        return new OutboxEntry(0, id, ids.next(), sync.def().name(), binding.mutation().path(),
                WireJson.toWire(args), WireJson.toWire(row), sync.def().key().apply(row), client.identity().get(),
                System.currentTimeMillis(), 0, 0, Optional.empty());
    }

    /** Shows and replays recovered (or adopted) writes, and settles those the server had already answered. */
    private void recover(List<Outbox.RecoveredWrite> writes) {
        for (Outbox.RecoveredWrite recovered : writes) {
            OutboxEntry entry = recovered.entry();
            CollectionSync<?> sync = syncs.get(entry.collection());
            if (recovered.acknowledged()) {
                outbox.discard(List.of(entry));
            } else if (recovered.rejection().isPresent()) {
                reject(entry, rowOf(entry), recovered.rejection().get());
                outbox.discard(List.of(entry));
            } else if (!recovered.compatible()) {
                LOG.warning("outbox write " + entry.transactionId() + " was stored by an incompatible version; "
                        + "it stays in the outbox and is not replayed");
            } else if (sync == null || !sync.def().insert().map(binding -> binding.mutation().path())
                    .equals(Optional.of(entry.functionPath()))) {
                outbox.discard(List.of(entry));
                reject(entry, entry.row(), new LunoraException("UNKNOWN_MUTATION_FN", "no collection '"
                        + entry.collection() + "' inserts through " + entry.functionPath() + " any more"));
            } else {
                transactions.put(entry.transactionId(), new WriteTransaction(entry.transactionId()));
                showRecovered(sync, entry);
                outbox.requeue(entry);
            }
        }
    }

    private static <R extends Record> void showRecovered(CollectionSync<R> sync, OutboxEntry entry) {
        sync.applyOptimistic(WireJson.fromWire(entry.row(), sync.def().rowType()));
    }

    /** The write's row as its collection's record, or its wire form when it no longer decodes as one. */
    private Object rowOf(OutboxEntry entry) {
        CollectionSync<?> sync = syncs.get(entry.collection());
        if (sync == null) {
            return entry.row();
        }
        try {
            return WireJson.fromWire(entry.row(), sync.def().rowType());
        } catch (RuntimeException e) {
            return entry.row();
        }
    }

    private void reject(OutboxEntry entry, Object row, LunoraException error) {
        deliver(() -> options.onWriteRejected().accept(
                new WriteRejection(entry.collection(), row, error, error.code())));
        CollectionSync<?> sync = syncs.get(entry.collection());
        if (sync != null) {
            sync.rollback(entry.rowKey());
        }
        WriteTransaction transaction = transactions.remove(entry.transactionId());
        if (transaction != null) {
            transaction.rejected(error);
        }
    }

    private CollectionSync<?> sync(String name) {
        CollectionSync<?> sync = syncs.get(name);
        if (sync == null) {
            throw new IllegalArgumentException("no collection named '" + name + "'; defined: " + syncs.keySet());
        }
        return sync;
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> CollectionSync<R> sync(String name, Class<R> rowType) {
        CollectionSync<?> sync = sync(name);
        if (sync.def().rowType() != rowType) {
            throw new IllegalArgumentException("collection '" + name + "' holds " + sync.def().rowType().getName()
                    + ", not " + rowType.getName());
        }
        return (CollectionSync<R>) sync;
    }

    private static void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a LunoraDb callback failed", e);
        }
    }

    /** Follows the other processes on a shared outbox file: leadership, and the writes of those that died. */
    private final class Peers implements SharedOutboxEvents {
        @Override
        public void leadershipChanged(boolean leads) {
            leader = leads;
            options.onLeadershipChange().accept(leads);
        }

        @Override
        public void adopted(List<Outbox.RecoveredWrite> writes) {
            recover(writes);
        }
    }

    /** Applies the server's verdicts to the collections and transactions. */
    private final class Verdicts implements WriteVerdicts {
        @Override
        public void accepted(OutboxEntry entry, RpcSuccess success) {
            CollectionSync<?> sync = syncs.get(entry.collection());
            if (sync != null) {
                sync.acknowledged(entry.rowKey(), success.commitCursor());
            }
            WriteTransaction transaction = transactions.remove(entry.transactionId());
            if (transaction != null) {
                transaction.persisted();
            }
        }

        @Override
        public void rejected(OutboxEntry entry, LunoraException error) {
            reject(entry, rowOf(entry), error);
        }
    }
}
