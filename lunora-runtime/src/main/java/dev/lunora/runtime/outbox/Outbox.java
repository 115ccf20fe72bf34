package dev.lunora.runtime.outbox;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue of pending writes, in order: an in-memory mirror of the H2 {@link OutboxStore} that every change goes
 * through first. A new write is made durable in this process's {@link OutboxJournal} (one append per group commit)
 * and moved into the store in batches: before any verdict or retry state is stored, at each {@link #refresh()} and at
 * {@link #close()}. Several processes may share one store file: each stores its writes in it, exactly one of them (the
 * leader, see {@link #tryLead()}) sends them, and each follows what the others did through {@link #refresh()}. When
 * the store cannot be opened or written (locked by a process that does not share it, read-only, full), the
 * storage-failure listener is told once and the outbox carries on in memory, so writes keep working but are no
 * longer durable. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;
    private static final String PENDING = "PENDING";

    private final TreeMap<Long, OutboxEntry> pending = new TreeMap<>();
    private final Set<Long> mine = new HashSet<>();
    private final Set<Long> unmoved = new HashSet<>();
    private final List<Ticket> arrivals = new ArrayList<>();
    private final Object commitLock = new Object();
    /** Held while the journal is moved into the store: one move at a time, and none while the outbox closes. */
    private final Object moveLock = new Object();
    private boolean committing;
    private int lastGroupSize;
    private final Durability durability;
    private final String clientId;
    private final Consumer<StorageFailure> onStorageFailure;
    private List<RecoveredWrite> recovered = List.of();
    private OutboxStore store;
    private OutboxLocks locks;
    private OutboxJournal journal;
    private long nextMemorySeq = 1;

    private Outbox(OutboxStore store, OutboxLocks locks, OutboxJournal journal, String clientId,
                   Consumer<StorageFailure> onStorageFailure, Durability durability) {
        this.store = store;
        this.locks = locks;
        this.journal = journal;
        this.durability = durability;
        this.clientId = clientId;
        this.onStorageFailure = onStorageFailure;
    }

    /**
     * Opens the outbox stored at {@code file}, or an in-memory one when {@code file} is empty. A store that cannot
     * be opened is reported to {@code onStorageFailure} and replaced by memory. The writes of processes that used the
     * file before and are no longer running become this one's ({@link #recovered()}).
     */
    public static Outbox open(Optional<Path> file, Durability durability, Consumer<StorageFailure> onStorageFailure) {
        if (file.isEmpty()) {
            return new Outbox(null, null, null, UUID.randomUUID().toString(), onStorageFailure, durability);
        }
        OutboxLocks locks = null;
        OutboxStore store = null;
        OutboxJournal journal = null;
        try {
            locks = OutboxLocks.open(file.get());
            // Leadership first: the first process also opens the H2 file itself, so the leader appends locally.
            locks.tryLead();
            store = OutboxStore.open(file.get());
            journal = OutboxJournal.create(locks.dir(), locks.owner(), durability == Durability.POWER_LOSS);
            Outbox outbox = new Outbox(store, locks, journal, store.clientId(), onStorageFailure, durability);
            synchronized (outbox) {
                Set<Optional<String>> owners = new LinkedHashSet<>();
                store.list().forEach(row -> owners.add(row.owner()));
                locks.otherOwners().forEach(owner -> owners.add(Optional.of(owner)));
                outbox.recovered = outbox.adopt(owners);
            }
            return outbox;
        } catch (SQLException | IOException e) {
            if (journal != null) {
                journal.close();
            }
            if (store != null) {
                store.close();
            }
            if (locks != null) {
                locks.close();
            }
            onStorageFailure.accept(failure(e));
            return new Outbox(null, null, null, UUID.randomUUID().toString(), onStorageFailure, durability);
        }
    }

    /** The id this client's writes are issued under; stable across restarts and shared by every process on the file. */
    public String clientId() {
        return clientId;
    }

    /** Whether writes currently survive a restart. */
    public synchronized boolean isDurable() {
        return store != null;
    }

    /**
     * The writes this process took over when it opened the store (left by processes no longer running), in order,
     * with their phase. The caller decides what to replay; {@link #requeue} puts a write back in the queue and
     * {@link #discard} drops it.
     */
    public List<RecoveredWrite> recovered() {
        return recovered;
    }

    /**
     * Takes the leadership of a shared store if no other process holds it; whether this process is the one that
     * sends the writes now. An outbox in memory always leads itself.
     */
    public synchronized boolean tryLead() {
        if (store == null) {
            return true;
        }
        try {
            return locks.tryLead();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not take the outbox's leader lock", e);
            return false;
        }
    }

    /** Puts a recovered or adopted write back in the queue (in seq order). */
    public synchronized void requeue(OutboxEntry entry) {
        put(entry);
        mine.add(entry.seq());
    }

    /**
     * Stores a new write; when this returns the write is in this process's journal, durable to the degree of the
     * outbox's {@link Durability} (unless storage has failed). Concurrent callers
     * share commits (group commit): while one caller commits, the writes arriving meanwhile wait (parked, not
     * spinning); when it is done, each caller of its group is woken with its result, and the first of those waiting
     * takes every write waiting by then into the next journal append. The caller that just committed returns without
     * committing again, so the next group is as large as the arrivals allow. Writes enter the queue in the order they
     * arrived.
     */
    public OutboxEntry append(OutboxEntry entry) {
        OutboxStore.Serialized write = OutboxStore.Serialized.of(entry);
        Ticket ticket = new Ticket(write, OutboxJournal.encode(write), Thread.currentThread());
        boolean leads;
        synchronized (commitLock) {
            arrivals.add(ticket);
            leads = !committing;
            committing = true;
        }
        if (!leads) {
            boolean interrupted = false;
            while (ticket.state == Ticket.WAITING) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (ticket.state == Ticket.STORED) {
                return ticket.stored;
            }
            if (ticket.state == Ticket.FAILED) {
                throw ticket.failure;
            }
            awaitTheOthers();
        }
        List<Ticket> group;
        synchronized (commitLock) {
            group = new ArrayList<>(arrivals);
            arrivals.clear();
            lastGroupSize = group.size();
        }
        try {
            commit(group);
        } catch (RuntimeException e) {
            // Not a storage failure (those are handled in commit): wake the group's callers with it, so none of them
            // stays parked.
            for (Ticket member : group) {
                if (member != ticket && member.state == Ticket.WAITING) {
                    member.failure = e;
                    member.state = Ticket.FAILED;
                    LockSupport.unpark(member.thread);
                }
            }
            throw e;
        } finally {
            synchronized (commitLock) {
                if (arrivals.isEmpty()) {
                    committing = false;
                } else {
                    Ticket next = arrivals.get(0);
                    next.state = Ticket.COMMITS;
                    LockSupport.unpark(next.thread);
                }
            }
        }
        return ticket.stored;
    }

    /**
     * Under contention, gives the writers that the last commit released a moment to come back, so that they share
     * the next commit instead of each paying for one: up to three waits of 30 µs, until as many writes wait as went
     * into the last group.
     */
    private void awaitTheOthers() {
        for (int i = 0; i < 3; i++) {
            synchronized (commitLock) {
                if (arrivals.size() >= lastGroupSize) {
                    return;
                }
            }
            LockSupport.parkNanos(30_000);
        }
    }

    /**
     * Numbers {@code group} from this process's seq block and appends it to the journal in one write (forced for
     * {@link Durability#POWER_LOSS}), then puts it in the queue; one caller at a time runs this.
     */
    private void commit(List<Ticket> group) {
        OutboxStore durable;
        OutboxJournal log;
        synchronized (this) {
            durable = store;
            log = journal;
        }
        boolean force = forced();
        List<OutboxStore.Serialized> writes = new ArrayList<>(group.size());
        List<byte[]> bodies = new ArrayList<>(group.size());
        group.forEach(ticket -> bodies.add(ticket.body));
        boolean journaled = false;
        if (log != null) {
            try {
                List<Long> seqs = durable.nextSeqs(group.size(), force);
                for (int i = 0; i < group.size(); i++) {
                    writes.add(group.get(i).write.withSeq(seqs.get(i)));
                }
                synchronized (this) {
                    // Before the append: the move that stores these writes may finish before this method goes on.
                    unmoved.addAll(seqs);
                }
                log.append(writes, bodies, force);
                journaled = true;
            } catch (SQLException | IOException e) {
                synchronized (this) {
                    storageFailed(e);
                }
            }
        }
        List<OutboxEntry> assigned = new ArrayList<>(group.size());
        synchronized (this) {
            for (int i = 0; i < group.size(); i++) {
                OutboxEntry entry = journaled ? writes.get(i).entry()
                        : group.get(i).write.entry().withSeq(nextMemorySeq);
                put(entry);
                mine.add(entry.seq());
                assigned.add(entry);
            }
        }
        for (int i = 0; i < group.size(); i++) {
            Ticket done = group.get(i);
            done.stored = assigned.get(i);
            done.state = Ticket.STORED;
            if (done.thread != Thread.currentThread()) {
                LockSupport.unpark(done.thread);
            }
        }
    }

    /**
     * Moves the journal's writes into the store in one transaction (forced for {@link Durability#POWER_LOSS}) and
     * only then deletes their journal segment: a crash in between leaves writes that are both journaled and stored,
     * and replaying that segment skips them. Called before anything of a write is stored besides the write itself,
     * never while holding this outbox's monitor.
     */
    private void moveJournal() {
        synchronized (moveLock) {
            OutboxJournal log;
            OutboxStore durable;
            String owner;
            synchronized (this) {
                log = journal;
                durable = store;
                owner = locks == null ? null : locks.owner();
            }
            if (log == null) {
                return;
            }
            boolean force = forced();
            try {
                Optional<OutboxJournal.Sealed> sealed = log.seal();
                if (sealed.isEmpty()) {
                    return;
                }
                durable.appendAll(sealed.get().writes(), owner, force);
                synchronized (this) {
                    sealed.get().writes().forEach(write -> unmoved.remove(write.entry().seq()));
                }
                log.delete(sealed.get().segment(), force);
            } catch (SQLException | IOException e) {
                synchronized (this) {
                    storageFailed(e);
                }
            }
        }
    }

    /**
     * Brings this process's mirror of a shared store up to date: takes in the writes other processes stored, drops
     * the ones the leader settled, and adopts the writes of processes that are no longer running. Returns this
     * process's writes that another process settled (their verdict was stored; apply it, then {@link #discard}
     * them) and the writes adopted (handle them like {@link #recovered()}). Costs one directory listing when no other
     * process uses the file.
     */
    public Refresh refresh() {
        moveJournal();
        synchronized (this) {
            return refreshMirror();
        }
    }

    private Refresh refreshMirror() {
        if (store == null) {
            return Refresh.NONE;
        }
        try {
            List<String> others = locks.otherOwners();
            if (others.isEmpty()) {
                return Refresh.NONE;
            }
            List<OutboxStore.Listed> listed = store.list();
            Set<Optional<String>> owners = new LinkedHashSet<>();
            listed.forEach(row -> owners.add(row.owner()));
            others.forEach(owner -> owners.add(Optional.of(owner)));
            List<RecoveredWrite> adopted = adopt(owners);
            Set<Long> adoptedSeqs = new HashSet<>();
            adopted.forEach(write -> adoptedSeqs.add(write.entry().seq()));
            return new Refresh(follow(listed, adoptedSeqs), adopted);
        } catch (SQLException | IOException e) {
            LOG.log(Level.WARNING, "could not follow the shared outbox; trying again later", e);
            return Refresh.NONE;
        }
    }

    /** Syncs the mirror with {@code listed}; returns this process's writes settled by another. Runs under this. */
    private List<RecoveredWrite> follow(List<OutboxStore.Listed> listed, Set<Long> adoptedSeqs) throws SQLException {
        boolean leader = locks.isLeader();
        Optional<String> me = Optional.of(locks.owner());
        Set<Long> stored = new HashSet<>();
        List<Long> toLoad = new ArrayList<>();
        List<Long> settled = new ArrayList<>();
        for (OutboxStore.Listed row : listed) {
            stored.add(row.seq());
            OutboxEntry known = pending.get(row.seq());
            if (!row.compatible() || adoptedSeqs.contains(row.seq())) {
                continue;
            }
            if (!row.phase().equals(PENDING)) {
                pending.remove(row.seq());
                if (mine.contains(row.seq())) {
                    settled.add(row.seq());
                }
            } else if (known == null && !row.owner().equals(me)) {
                toLoad.add(row.seq());
            } else if (known != null && !leader) {
                pending.put(row.seq(), known.withRetryState(row.attempts(), row.nextAttemptAt(), row.lastError()));
            }
        }
        List<RecoveredWrite> outcomes = new ArrayList<>();
        for (Iterator<Map.Entry<Long, OutboxEntry>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, OutboxEntry> gone = it.next();
            if (!stored.contains(gone.getKey()) && !unmoved.contains(gone.getKey())) {
                it.remove();
                if (mine.contains(gone.getKey())) {
                    outcomes.add(new RecoveredWrite(gone.getValue(), true, true, Optional.empty(),
                            OptionalLong.empty()));
                }
            }
        }
        if (!toLoad.isEmpty()) {
            store.load(toLoad).forEach(loaded -> put(loaded.entry()));
        }
        if (!settled.isEmpty()) {
            store.load(settled).forEach(loaded -> outcomes.add(RecoveredWrite.of(loaded)));
        }
        return outcomes;
    }

    /** Makes the writes of owners no longer running this process's; returns them in order. Runs under this. */
    private List<RecoveredWrite> adopt(Collection<Optional<String>> owners) throws SQLException, IOException {
        List<Long> claimed = new ArrayList<>();
        for (Optional<String> other : owners) {
            if (other.isEmpty()) {
                claimed.addAll(store.claim(null, locks.owner()));
            } else if (!other.get().equals(locks.owner()) && isOwnerId(other.get())) {
                locks.ifDead(other.get(), () -> {
                    replayJournal(other.get());
                    claimed.addAll(store.claim(other.get(), locks.owner()));
                });
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        mine.addAll(claimed);
        List<RecoveredWrite> writes = new ArrayList<>(claimed.size());
        store.load(claimed).forEach(loaded -> writes.add(RecoveredWrite.of(loaded)));
        return writes;
    }

    /**
     * Stores the complete records of a dead owner's journal segments (skipping those it had moved already) and then
     * deletes the segments; a torn or corrupt tail (a crash mid-append: that write's call never returned) is left
     * out. Runs under this, holding {@code owner}'s lock.
     */
    private void replayJournal(String owner) throws SQLException, IOException {
        boolean force = forced();
        List<Path> segments = OutboxJournal.segments(locks.dir(), owner);
        for (Path segment : segments) {
            OutboxJournal.Read read = OutboxJournal.read(segment);
            if (read.validBytes() < read.totalBytes()) {
                LOG.warning("outbox journal " + segment + " ends in a torn or corrupt record at byte "
                        + read.validBytes() + " of " + read.totalBytes() + "; the " + read.writes().size()
                        + " complete records before it are kept");
            }
            if (!read.writes().isEmpty()) {
                store.replay(read.writes(), owner, force);
            }
        }
        for (Path segment : segments) {
            OutboxJournal.delete(locks.dir(), segment, force);
        }
    }

    private static boolean isOwnerId(String owner) {
        try {
            return UUID.fromString(owner).toString().equals(owner);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The next writes to send for {@code identity}, oldest first: empty unless the oldest is due at {@code now}; then
     * it and the consecutive due writes after it, up to {@code maxEntries} and about {@code maxBytes} of arguments.
     * Writes of other identities are skipped (held), never sent; so are the writes in {@code answered} (the server
     * has given them a final verdict, which is being applied).
     */
    public synchronized List<OutboxEntry> nextChunk(Optional<String> identity, long now, int maxEntries,
                                                    int maxBytes, Set<Long> answered) {
        List<OutboxEntry> chunk = new ArrayList<>();
        long bytes = 0;
        for (OutboxEntry entry : pending.values()) {
            if (!entry.identity().equals(identity) || answered.contains(entry.seq())) {
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
        for (OutboxEntry entry : pending.values()) {
            if (entry.identity().equals(identity)) {
                return OptionalLong.of(entry.nextAttemptAt());
            }
        }
        return OptionalLong.empty();
    }

    /** The number of writes not yet settled by the server (on a shared store: every process's). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** A copy of the pending writes in send order, each with its retry count and last error. */
    public synchronized List<OutboxEntry> pendingWrites() {
        return List.copyOf(pending.values());
    }

    /** Replaces a pending write after a transient failure (its retry count, next attempt time and last error). */
    public void retry(OutboxEntry updated) {
        moveJournal();
        synchronized (this) {
            pending.replace(updated.seq(), updated);
            if (store != null) {
                try {
                    store.retry(updated);
                } catch (SQLException e) {
                    storageFailed(e);
                }
            }
        }
    }

    /** Makes every pending write sendable now (after a reconnect). */
    public synchronized void allDueNow() {
        pending.replaceAll((seq, entry) -> entry.dueNow());
    }

    /**
     * Records that the server accepted {@code entries}, each at its commit cursor when the server gave one: first
     * marked acknowledged in the store in one transaction (so a crash before the local effects only repeats them),
     * then {@code localEffect} runs for each write this process owns and those are removed. A write another process
     * owns stays marked in the store for that process to apply.
     */
    public void acknowledged(List<OutboxEntry> entries, List<OptionalLong> cursors, Consumer<OutboxEntry> localEffect) {
        settle(entries, localEffect, store -> store.markAcked(seqs(entries), cursors));
    }

    /**
     * Records that the server refused {@code entries} with {@code error}: first marked rejected in the store, with
     * the error, in one transaction (so a crash before the local effects repeats them at the next start instead of
     * losing the verdict), then {@code localEffect} runs for each write this process owns and those are removed. A
     * write another process owns stays marked for that process, which delivers the rejection.
     */
    public void rejected(List<OutboxEntry> entries, LunoraException error, Consumer<OutboxEntry> localEffect) {
        settle(entries, localEffect,
                store -> store.markRejected(seqs(entries), error.code(), String.valueOf(error.getMessage())));
    }

    private void settle(List<OutboxEntry> entries, Consumer<OutboxEntry> localEffect, Verdict mark) {
        List<OutboxEntry> own = new ArrayList<>(entries.size());
        moveJournal();
        synchronized (this) {
            if (store != null) {
                try {
                    mark.store(store);
                } catch (SQLException e) {
                    storageFailed(e);
                }
            }
            for (OutboxEntry entry : entries) {
                // Taken out of this process's writes at once: a refresh meanwhile must not deliver the verdict again.
                if (mine.remove(entry.seq())) {
                    own.add(entry);
                } else {
                    pending.remove(entry.seq());
                }
            }
        }
        own.forEach(localEffect);
        discard(own);
    }

    /** Stores a verdict. */
    @FunctionalInterface
    private interface Verdict {
        void store(OutboxStore store) throws SQLException;
    }

    /** Removes settled (or unreplayable) writes from the queue and the store. */
    public void discard(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        moveJournal();
        synchronized (this) {
            List<Long> seqs = seqs(entries);
            seqs.forEach(seq -> {
                pending.remove(seq);
                mine.remove(seq);
            });
            if (store != null) {
                try {
                    store.delete(seqs);
                } catch (SQLException e) {
                    storageFailed(e);
                }
            }
        }
    }

    private static List<Long> seqs(List<OutboxEntry> entries) {
        List<Long> seqs = new ArrayList<>(entries.size());
        entries.forEach(entry -> seqs.add(entry.seq()));
        return seqs;
    }

    /**
     * Moves the journal into the store, closes it and gives up leadership; pending writes stay in the store for the
     * next start (or another process). Writes appended concurrently with this may stay in the journal, for the
     * process that adopts this one's writes.
     */
    @Override
    public void close() {
        synchronized (moveLock) {
            moveJournal();
            synchronized (this) {
                closeStorage();
            }
        }
    }

    private void closeStorage() {
        if (journal != null) {
            try {
                journal.closeIfMoved(forced());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete the outbox's emptied journal; the next start skips it", e);
            }
            journal = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        if (locks != null) {
            locks.close();
            locks = null;
        }
    }

    private void put(OutboxEntry entry) {
        pending.put(entry.seq(), entry);
        nextMemorySeq = Math.max(nextMemorySeq, entry.seq() + 1);
    }

    /** Whether every journal append, move and deletion is forced to the device ({@link Durability#POWER_LOSS}). */
    private boolean forced() {
        return durability == Durability.POWER_LOSS;
    }

    private void storageFailed(Exception e) {
        if (store == null) {
            return;
        }
        LOG.log(Level.WARNING, "outbox storage failed; continuing in memory", e);
        // The journal's segments stay: they hold writes that were durable when their calls returned.
        journal.close();
        journal = null;
        unmoved.clear();
        store.close();
        store = null;
        locks.close();
        locks = null;
        pending.keySet().retainAll(mine);
        onStorageFailure.accept(failure(e));
    }

    private static StorageFailure failure(Exception e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        int errorCode = e instanceof SQLException sql ? sql.getErrorCode() : 0;
        String code;
        if (errorCode == H2_DATABASE_ALREADY_OPEN || lower.contains("locked")) {
            code = "STORAGE_LOCKED";
        } else if (errorCode == H2_DATABASE_IS_READ_ONLY || e instanceof AccessDeniedException
                || lower.contains("read only") || lower.contains("read-only") || lower.contains("readonly")
                || lower.contains("access denied")) {
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
        static final int WAITING = 0;
        static final int STORED = 1;
        static final int COMMITS = 2;
        static final int FAILED = 3;

        private final OutboxStore.Serialized write;
        private final byte[] body;
        private final Thread thread;
        private OutboxEntry stored;
        private RuntimeException failure;
        private volatile int state = WAITING;

        Ticket(OutboxStore.Serialized write, byte[] body, Thread thread) {
            this.write = write;
            this.body = body;
            this.thread = thread;
        }
    }

    /**
     * What {@link #refresh()} found.
     *
     * @param settled this process's writes the leader (another process) settled: apply each verdict, then discard
     * @param adopted writes taken over from processes no longer running, handled like {@link #recovered()}
     */
    public record Refresh(List<RecoveredWrite> settled, List<RecoveredWrite> adopted) {
        static final Refresh NONE = new Refresh(List.of(), List.of());
    }

    /**
     * A stored write handed to the caller: recovered at start, adopted, or settled by another process.
     *
     * @param entry the write
     * @param compatible whether it was stored by this version's record layout (an incompatible one is not replayed)
     * @param acknowledged whether the server had already accepted it (only its local effects are left)
     * @param rejection the server's refusal, when it had refused it (only the verdict's local effects are left: its
     *     callback, its rollback)
     * @param commitCursor the server's commit cursor of an acknowledged write, when the server gave one
     */
    public record RecoveredWrite(OutboxEntry entry, boolean compatible, boolean acknowledged,
                                 Optional<LunoraException> rejection, OptionalLong commitCursor) {
        static RecoveredWrite of(OutboxStore.StoredEntry stored) {
            return new RecoveredWrite(stored.entry(), stored.schemaVersion() == OutboxStore.SCHEMA_VERSION,
                    "ACKED".equals(stored.phase()), stored.rejection(), stored.commitCursor());
        }
    }
}
