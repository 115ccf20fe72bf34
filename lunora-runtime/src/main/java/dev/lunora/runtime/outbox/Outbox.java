package dev.lunora.runtime.outbox;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue of pending writes, in order: an in-memory mirror of the H2 {@link OutboxStore} that every change goes
 * through first. When the store cannot be opened or written (locked by another process, read-only, full), the
 * storage-failure listener is told once and the outbox carries on in memory, so writes keep working but are no
 * longer durable. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;

    private final Deque<OutboxEntry> pending = new ArrayDeque<>();
    private final List<Ticket> arrivals = new ArrayList<>();
    private final Object commitLock = new Object();
    private final Durability durability;
    private final List<OutboxStore.StoredEntry> recovered;
    private final String clientId;
    private final Consumer<StorageFailure> onStorageFailure;
    private OutboxStore store;
    private long nextMemorySeq = 1;

    private Outbox(OutboxStore store, String clientId, List<OutboxStore.StoredEntry> recovered,
                   Consumer<StorageFailure> onStorageFailure, Durability durability) {
        this.store = store;
        this.durability = durability;
        this.clientId = clientId;
        this.recovered = recovered;
        this.onStorageFailure = onStorageFailure;
    }

    /**
     * Opens the outbox stored at {@code file}, or an in-memory one when {@code file} is empty. A store that cannot
     * be opened is reported to {@code onStorageFailure} and replaced by memory.
     */
    public static Outbox open(Optional<Path> file, Durability durability, Consumer<StorageFailure> onStorageFailure) {
        if (file.isEmpty()) {
            return new Outbox(null, UUID.randomUUID().toString(), List.of(), onStorageFailure, durability);
        }
        OutboxStore store = null;
        try {
            store = OutboxStore.open(file.get());
            return new Outbox(store, store.clientId(), store.load(), onStorageFailure, durability);
        } catch (SQLException e) {
            if (store != null) {
                store.close();
            }
            onStorageFailure.accept(failure(e));
            return new Outbox(null, UUID.randomUUID().toString(), List.of(), onStorageFailure, durability);
        }
    }

    /** The id this client's writes are issued under; stable across restarts while the store is durable. */
    public String clientId() {
        return clientId;
    }

    /** Whether writes currently survive a restart. */
    public synchronized boolean isDurable() {
        return store != null;
    }

    /**
     * The writes found in the store at start-up, in order, with their phase. The caller decides what to replay;
     * {@link #requeue} puts a write back in the queue and {@link #discard} drops it.
     */
    public List<RecoveredWrite> recovered() {
        List<RecoveredWrite> writes = new ArrayList<>(recovered.size());
        for (OutboxStore.StoredEntry stored : recovered) {
            writes.add(new RecoveredWrite(stored.entry(), stored.schemaVersion() == OutboxStore.SCHEMA_VERSION,
                    "ACKED".equals(stored.phase()), stored.rejection()));
        }
        return writes;
    }

    /** Puts a recovered write back at the end of the queue (recovered writes are requeued in their order). */
    public synchronized void requeue(OutboxEntry entry) {
        pending.addLast(entry);
        nextMemorySeq = Math.max(nextMemorySeq, entry.seq() + 1);
    }

    /**
     * Stores a new write; when this returns the write is durable (unless storage has failed). Concurrent callers
     * share commits: whoever commits takes every write waiting at that moment into one transaction (group commit),
     * and writes enter the queue in the order they arrived.
     */
    public OutboxEntry append(OutboxEntry entry) {
        Ticket ticket = new Ticket(entry);
        synchronized (this) {
            arrivals.add(ticket);
        }
        synchronized (commitLock) {
            if (ticket.stored == null) {
                commitArrivals();
            }
        }
        return ticket.stored;
    }

    /** Commits every waiting write in one group; runs under {@code commitLock}. */
    private void commitArrivals() {
        List<Ticket> group;
        OutboxStore durable;
        synchronized (this) {
            group = new ArrayList<>(arrivals);
            arrivals.clear();
            durable = store;
        }
        List<OutboxEntry> entries = new ArrayList<>(group.size());
        group.forEach(ticket -> entries.add(ticket.entry));
        List<OutboxEntry> stored = null;
        if (durable != null) {
            try {
                stored = durable.appendAll(entries, durability == Durability.POWER_LOSS);
            } catch (SQLException e) {
                synchronized (this) {
                    storageFailed(e);
                }
            }
        }
        synchronized (this) {
            for (int i = 0; i < group.size(); i++) {
                OutboxEntry assigned = stored != null ? stored.get(i) : entries.get(i).withSeq(nextMemorySeq);
                nextMemorySeq = assigned.seq() + 1;
                pending.addLast(assigned);
                group.get(i).stored = assigned;
            }
        }
    }

    /**
     * The next writes to send for {@code identity}, oldest first: empty unless the oldest is due at {@code now}; then
     * it and the consecutive due writes after it, up to {@code maxEntries} and about {@code maxBytes} of arguments.
     * Writes of other identities are skipped (held), never sent.
     */
    public synchronized List<OutboxEntry> nextChunk(Optional<String> identity, long now, int maxEntries,
                                                    int maxBytes) {
        List<OutboxEntry> chunk = new ArrayList<>();
        long bytes = 0;
        for (OutboxEntry entry : pending) {
            if (!entry.identity().equals(identity)) {
                continue;
            }
            long size = WireJson.write(entry.args()).length() + entry.functionPath().length() + 128L;
            if (entry.nextAttemptAt() > now
                    || (!chunk.isEmpty() && (chunk.size() >= maxEntries || bytes + size > maxBytes))) {
                break;
            }
            chunk.add(entry);
            bytes += size;
        }
        return chunk;
    }

    /** When the oldest write of {@code identity} may be sent; empty when it has none. */
    public synchronized OptionalLong nextAttemptAt(Optional<String> identity) {
        for (OutboxEntry entry : pending) {
            if (entry.identity().equals(identity)) {
                return OptionalLong.of(entry.nextAttemptAt());
            }
        }
        return OptionalLong.empty();
    }

    /** The number of writes not yet settled by the server. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** A copy of the pending writes in send order, each with its retry count and last error. */
    public synchronized List<OutboxEntry> pendingWrites() {
        return List.copyOf(pending);
    }

    /** Replaces the head write after a transient failure (its retry count, next attempt time and last error). */
    public synchronized void retry(OutboxEntry updated) {
        replace(updated);
        if (store != null) {
            try {
                store.retry(updated);
            } catch (SQLException e) {
                storageFailed(e);
            }
        }
    }

    /** Makes every pending write sendable now (after a reconnect). */
    public synchronized void allDueNow() {
        List<OutboxEntry> due = new ArrayList<>(pending.size());
        for (OutboxEntry entry : pending) {
            due.add(entry.dueNow());
        }
        pending.clear();
        pending.addAll(due);
    }

    /**
     * Records that the server accepted {@code entries}: first marked acknowledged in the store in one transaction
     * (so a crash before the local effects only repeats them), then removed in one transaction once
     * {@code localEffects} ran.
     */
    public void acknowledged(List<OutboxEntry> entries, Runnable localEffects) {
        List<Long> seqs = seqs(entries);
        synchronized (this) {
            if (store != null) {
                try {
                    store.markSettled(seqs, "ACKED");
                } catch (SQLException e) {
                    storageFailed(e);
                }
            }
        }
        localEffects.run();
        discard(entries);
    }

    /**
     * Records that the server refused {@code entries} with {@code error}: first marked rejected in the store, with
     * the error, in one transaction (so a crash before the local effects repeats them at the next start instead of
     * losing the verdict), then removed once {@code localEffects} ran.
     */
    public void rejected(List<OutboxEntry> entries, LunoraException error, Runnable localEffects) {
        synchronized (this) {
            if (store != null) {
                try {
                    store.markRejected(seqs(entries), error.code(), String.valueOf(error.getMessage()));
                } catch (SQLException e) {
                    storageFailed(e);
                }
            }
        }
        localEffects.run();
        discard(entries);
    }

    /** Removes settled (or unreplayable) writes from the queue and the store. */
    public synchronized void discard(List<OutboxEntry> entries) {
        Set<Long> seqs = new HashSet<>(seqs(entries));
        pending.removeIf(candidate -> seqs.contains(candidate.seq()));
        if (store != null) {
            try {
                store.delete(List.copyOf(seqs));
            } catch (SQLException e) {
                storageFailed(e);
            }
        }
    }

    private static List<Long> seqs(List<OutboxEntry> entries) {
        List<Long> seqs = new ArrayList<>(entries.size());
        entries.forEach(entry -> seqs.add(entry.seq()));
        return seqs;
    }

    /** Closes the store; pending writes stay in it for the next start. */
    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private void replace(OutboxEntry updated) {
        List<OutboxEntry> entries = new ArrayList<>(pending);
        pending.clear();
        for (OutboxEntry entry : entries) {
            pending.addLast(entry.seq() == updated.seq() ? updated : entry);
        }
    }

    private void storageFailed(SQLException e) {
        if (store == null) {
            return;
        }
        LOG.log(Level.WARNING, "outbox storage failed; continuing in memory", e);
        store.close();
        store = null;
        onStorageFailure.accept(failure(e));
    }

    private static StorageFailure failure(SQLException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        String code;
        if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN || lower.contains("locked")) {
            code = "STORAGE_LOCKED";
        } else if (e.getErrorCode() == H2_DATABASE_IS_READ_ONLY || lower.contains("read only")
                || lower.contains("read-only") || lower.contains("access denied")) {
            code = "STORAGE_READ_ONLY";
        } else if (lower.contains("no space") || lower.contains("disk full")) {
            code = "STORAGE_FULL";
        } else {
            code = "STORAGE_ERROR";
        }
        return new StorageFailure(code, message);
    }

    /** One caller's write waiting for a group commit. */
    private static final class Ticket {
        private final OutboxEntry entry;
        private OutboxEntry stored;

        Ticket(OutboxEntry entry) {
            this.entry = entry;
        }
    }

    /**
     * A write found in the store at start-up.
     *
     * @param entry the write
     * @param compatible whether it was stored by this version's record layout (an incompatible one is not replayed)
     * @param acknowledged whether the server had already accepted it (only its local clean-up is left)
     * @param rejection the server's refusal, when it had refused it before the process stopped (only the verdict's
     *     local effects are left: its callback, its rollback)
     */
    public record RecoveredWrite(OutboxEntry entry, boolean compatible, boolean acknowledged,
                                 Optional<LunoraException> rejection) {}
}
