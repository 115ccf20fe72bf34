package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lunora.api.Auth;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.StoredResult;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs RPC calls and server transactions. Thread-safe: queries run concurrently on reader connections, mutations
 * one at a time in a transaction on the writer connection. Every call blocks until its function has
 * finished. A coded failure propagates as the function's {@link LunoraException}; any other failure is logged and
 * becomes {@code INTERNAL} with a generic message.
 *
 * <p>A mutation carrying {@code x-lunora-mutation-id} runs at most once per identity (the verified user, else the
 * client id) within the idempotency retention: a replay gets the stored result, a duplicate arriving while the first
 * is still being dispatched gets {@code DISPATCH_IN_PROGRESS}. A mutation carrying {@code x-lunora-client-seq} must
 * extend its client's watermark by one: a sequence at or below it is acknowledged without running, one beyond the
 * next expected is {@code OUT_OF_ORDER} with {@code data.expected}.
 */
public final class Dispatcher {
    private static final long MAX_TRIM_INTERVAL_MILLIS = 60_000;

    private final Database database;
    private final Functions functions;
    private final CommitListener listener;
    private final LongSupplier clock;
    /** The commits deferred by {@link #inOneCommit}; non-null only while it runs, guarded by the mutation lock. */
    private List<Committed<?>> deferred;
    private final List<Ticket> waiting = new ArrayList<>();
    /** Whether a caller leads a group commit now; guarded by {@link #waiting}. */
    private boolean leading;
    private Map<Long, WriteSet> deferredWrites;
    private final long retentionMillis;
    private final ReentrantLock mutationLock = new ReentrantLock();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    // Guarded by mutationLock.
    private long lastTrim;

    /**
     * A dispatcher over the app's {@code functions}.
     *
     * @param listener told about each commit that wrote something, in commit order
     * @param idempotencyRetention how long a mutation id's result is kept for replays
     */
    public Dispatcher(Database database, Functions functions, CommitListener listener, Duration idempotencyRetention) {
        this.database = database;
        this.functions = functions;
        this.listener = listener;
        this.clock = functions.clock();
        this.retentionMillis = idempotencyRetention.toMillis();
    }

    /**
     * Runs one RPC call: a query on a reader connection, or a mutation in a transaction with idempotency.
     *
     * @throws LunoraException the coded failure ({@code UNKNOWN_FUNCTION}, {@code VALIDATION_ERROR},
     *     {@code FORBIDDEN}, {@code DISPATCH_IN_PROGRESS}, {@code OUT_OF_ORDER}, the function's own code,
     *     {@code SHARD_UNAVAILABLE} once closing, {@code INTERNAL} for anything uncoded)
     */
    public CallOutcome call(Call call) {
        enter();
        try {
            BoundFunction function = functions.lookup(call.functionPath());
            Record args = Functions.decodeArgs(function.ref(), call.args());
            CallerAuth auth = new CallerAuth(call.userId());
            if (function instanceof BoundFunction.Query query) {
                QueryRun run = functions.runQuery(query, args, auth);
                run.failure().ifPresent(failure -> {
                    throw failure;
                });
                return new CallOutcome(run.result().orElseThrow(), OptionalLong.empty(), OptionalLong.empty());
            }
            return mutate((BoundFunction.Mutation) function, args, auth, call);
        } catch (LunoraException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Functions.internal(call.functionPath(), e);
        } finally {
            exit();
        }
    }

    /**
     * Runs {@code body} as a server-internal mutation: same transaction, commit cursor and subscriber push as an
     * RPC mutation, with an anonymous caller and no row rules. Blocks while another mutation runs.
     *
     * @throws LunoraException a coded failure of the body (the transaction is rolled back), or
     *     {@code SHARD_UNAVAILABLE} once closing
     */
    public <T> T transaction(Function<MutationCtx, T> body) {
        enter();
        try {
            return transact(new CallerAuth(Optional.empty()), RowAccess.unrestricted(), body, (value, cursor) -> { })
                    .value();
        } finally {
            exit();
        }
    }

    /**
     * Runs {@code work} (which makes several {@link #call}s, e.g. the entries of an RPC batch) with every mutation in
     * one database transaction: each mutation still succeeds or fails on its own (a savepoint each) and gets its own
     * commit cursor, but they share one commit, and subscribers hear of them only after it. Other mutations wait.
     *
     * @throws LunoraException {@code SHARD_ERROR} (transient: nothing was committed) when the shared commit fails
     */
    public <T> T inOneCommit(Supplier<T> work) {
        mutationLock.lock();
        try {
            if (deferred != null) {
                return work.get();
            }
            deferred = new ArrayList<>();
            deferredWrites = new LinkedHashMap<>();
            T result;
            try {
                result = work.get();
                long last = lastDeferredCursor();
                if (last > database.cursor()) {
                    database.storeCursor(last);
                }
                database.writer().commit();
            } catch (SQLException e) {
                rollback(e);
                throw new LunoraException("SHARD_ERROR", "the batch could not be committed; nothing was applied");
            }
            for (Committed<?> committed : deferred) {
                database.publishCursor(Math.max(database.cursor(), committed.cursor()));
            }
            deferredWrites.forEach(listener::committed);
            return result;
        } finally {
            deferred = null;
            deferredWrites = null;
            mutationLock.unlock();
        }
    }

    /** Refuses new calls and waits for the running ones to finish. Idempotent. */
    public void close() {
        closing = true;
        gate.writeLock().lock();
    }

    private void enter() {
        // tryLock: once close() holds the write lock for good, callers are refused rather than parked.
        if (!gate.readLock().tryLock()) {
            throw shuttingDown();
        }
        if (closing) {
            gate.readLock().unlock();
            throw shuttingDown();
        }
    }

    private static LunoraException shuttingDown() {
        return new LunoraException("SHARD_UNAVAILABLE", "the server is shutting down");
    }

    private void exit() {
        gate.readLock().unlock();
    }

    private CallOutcome mutate(BoundFunction.Mutation mutation, Record args, Auth auth, Call call) {
        Optional<String> identity = call.userId().map(user -> "user:" + user)
                .or(() -> call.clientId().map(client -> "client:" + client));
        Optional<String> idempotencyKey = call.mutationId().flatMap(id -> identity.map(who -> who + "\n" + id));
        Optional<String> clientKey = sequenceKey(call);
        if (idempotencyKey.isPresent() && !inFlight.add(idempotencyKey.get())) {
            throw new LunoraException("DISPATCH_IN_PROGRESS", "mutation " + call.mutationId().orElseThrow()
                    + " is still being dispatched");
        }
        try {
            Supplier<CallOutcome> run = () -> runMutation(mutation, args, auth, call, identity, clientKey);
            return mutationLock.isHeldByCurrentThread() ? run.get() : inGroupCommit(run);
        } finally {
            idempotencyKey.ifPresent(inFlight::remove);
        }
    }

    /**
     * Runs {@code run} in a group commit. One caller at a time leads: it runs every waiting mutation in one
     * transaction ({@link #inOneCommit}), wakes their callers, and hands the lead to the first caller that queued
     * meanwhile; the others only wait. So concurrent clients share commits, and a caller whose mutation is done
     * returns at once instead of queueing for the mutation lock. Each mutation still succeeds or fails on its own.
     */
    private CallOutcome inGroupCommit(Supplier<CallOutcome> run) {
        Ticket ticket = new Ticket(run);
        boolean leads;
        synchronized (waiting) {
            waiting.add(ticket);
            leads = !leading;
            leading = true;
        }
        if (!leads && !ticket.awaitLeadOrDone()) {
            return ticket.outcome();
        }
        List<Ticket> group;
        synchronized (waiting) {
            group = List.copyOf(waiting);
            waiting.clear();
        }
        try {
            inOneCommit(() -> {
                group.forEach(Ticket::run);
                return null;
            });
        } catch (LunoraException e) {
            group.forEach(member -> member.fail(e));
        } finally {
            group.forEach(Ticket::finish);
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    leading = false;
                } else {
                    waiting.get(0).lead();
                }
            }
        }
        return ticket.outcome();
    }

    private CallOutcome runMutation(BoundFunction.Mutation mutation, Record args, Auth auth, Call call,
                                    Optional<String> identity, Optional<String> clientKey) {
        mutationLock.lock();
        try {
            Optional<CallOutcome> early = earlyOutcome(call, identity, clientKey);
            if (early.isPresent()) {
                return early.get();
            }
            Committed<JsonNode> committed = transact(auth, functions.access(),
                    ctx -> WireJson.toWire(mutation.run(ctx, args)),
                    (result, cursor) -> {
                        long now = clock.getAsLong();
                        if (call.mutationId().isPresent() && identity.isPresent()) {
                            trimExpired(now);
                            database.recordIdempotent(identity.get(), call.mutationId().get(), result, cursor, now);
                        }
                        if (clientKey.isPresent()) {
                            database.recordClientWatermark(clientKey.get(), call.clientSeq().getAsLong());
                        }
                    });
            return new CallOutcome(committed.value(), OptionalLong.of(committed.cursor()), call.clientSeq());
        } finally {
            mutationLock.unlock();
        }
    }

    /**
     * One caller's mutation waiting for a group commit: run by the group's leader, which then finishes it (or asks
     * its caller to lead the next group). Thread-safe.
     */
    private static final class Ticket {
        private final Supplier<CallOutcome> run;
        private CallOutcome outcome;
        private RuntimeException failure;
        private boolean done;
        private boolean leads;

        Ticket(Supplier<CallOutcome> run) {
            this.run = run;
        }

        /** Runs the mutation (on the leader's thread, holding the mutation lock). */
        void run() {
            RuntimeException thrown = null;
            CallOutcome result = null;
            try {
                result = run.get();
            } catch (RuntimeException e) {
                thrown = e;
            }
            synchronized (this) {
                outcome = result;
                failure = thrown;
            }
        }

        /** Fails the mutation with the group's shared failure (its commit failed). */
        synchronized void fail(RuntimeException shared) {
            outcome = null;
            failure = shared;
        }

        /** Marks the mutation done and wakes its caller. */
        synchronized void finish() {
            done = true;
            notifyAll();
        }

        /** Asks the waiting caller to lead the next group. */
        synchronized void lead() {
            leads = true;
            notifyAll();
        }

        /**
         * Waits until the mutation is done (false) or its caller must lead (true). Uninterruptible: the mutation
         * may already be running; an interrupt is kept for the caller.
         */
        synchronized boolean awaitLeadOrDone() {
            boolean interrupted = false;
            while (!done && !leads) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return !done;
        }

        synchronized CallOutcome outcome() {
            if (failure != null) {
                throw failure;
            }
            return outcome;
        }
    }

    private static Optional<String> sequenceKey(Call call) {
        if (call.clientSeq().isEmpty()) {
            return Optional.empty();
        }
        String client = call.clientId().orElseThrow(() -> new LunoraException("BAD_REQUEST",
                "x-lunora-client-seq needs x-lunora-client-id"));
        return Optional.of(call.userId().map(user -> "user:" + user + "\n").orElse("") + client);
    }

    /**
     * The outcome of a mutation that must not run: a stored result for a replayed mutation id, or an acknowledgement
     * of an already applied client sequence. Ends the writer's read-only transaction when it answers or throws.
     *
     * @throws LunoraException {@code OUT_OF_ORDER} when the client sequence skips ahead
     */
    private Optional<CallOutcome> earlyOutcome(Call call, Optional<String> identity, Optional<String> clientKey) {
        boolean runs = false;
        try {
            if (call.mutationId().isPresent() && identity.isPresent()) {
                Optional<StoredResult> stored = Sql.unchecked(() -> database.findIdempotent(identity.get(),
                        call.mutationId().get(), clock.getAsLong() - retentionMillis));
                if (stored.isPresent()) {
                    return Optional.of(new CallOutcome(stored.get().result(),
                            OptionalLong.of(stored.get().commitCursor()), OptionalLong.empty()));
                }
            }
            if (clientKey.isPresent()) {
                long watermark = Sql.unchecked(() -> database.clientWatermark(clientKey.get()));
                long seq = call.clientSeq().getAsLong();
                if (seq <= watermark) {
                    return Optional.of(new CallOutcome(NullNode.getInstance(), OptionalLong.of(database.cursor()),
                            OptionalLong.of(watermark)));
                }
                if (seq > watermark + 1) {
                    throw new LunoraException("OUT_OF_ORDER", "client sequence " + seq + " skips ahead of "
                            + (watermark + 1), Map.of("expected", watermark + 1));
                }
            }
            runs = true;
            return Optional.empty();
        } finally {
            if (!runs && deferred == null) {
                Sql.unchecked(() -> {
                    database.writer().rollback();
                    return null;
                });
            }
        }
    }

    /** Deletes expired idempotency records, at most once per retention period (and at least once a minute). */
    private void trimExpired(long now) throws SQLException {
        if (now - lastTrim >= Math.min(retentionMillis, MAX_TRIM_INTERVAL_MILLIS)) {
            database.trimIdempotent(now - retentionMillis);
            lastTrim = now;
        }
    }

    private <T> Committed<T> transact(Auth auth, RowAccess access, Function<MutationCtx, T> body,
                                      Recorder<? super T> recorder) {
        mutationLock.lock();
        try {
            TrackedDb db = new TrackedDb(database, database.writer(), true, clock, auth, access);
            Savepoint savepoint = deferred == null ? null : Sql.unchecked(() -> database.writer().setSavepoint());
            T value;
            long cursor;
            try {
                value = body.apply(Contexts.mutation(db, auth));
                // The cursor is counted here and stored once per commit: a rolled-back savepoint frees its number.
                long previous = Math.max(database.cursor(), lastDeferredCursor());
                cursor = db.writes().isEmpty() ? previous : previous + 1;
                recorder.record(value, cursor);
                if (savepoint == null) {
                    if (cursor > previous) {
                        database.storeCursor(cursor);
                    }
                    database.writer().commit();
                } else {
                    database.writer().releaseSavepoint(savepoint);
                }
            } catch (SQLException e) {
                rollback(e, savepoint);
                throw new IllegalStateException("storage failure", e);
            } catch (RuntimeException | Error e) {
                rollback(e, savepoint);
                throw e;
            }
            Committed<T> committed = new Committed<>(value, cursor);
            WriteSet writes = db.writes();
            if (savepoint != null) {
                deferred.add(committed);
                if (!writes.isEmpty()) {
                    deferredWrites.put(cursor, writes);
                }
                return committed;
            }
            database.publishCursor(cursor);
            if (!writes.isEmpty()) {
                listener.committed(cursor, writes);
            }
            return committed;
        } finally {
            mutationLock.unlock();
        }
    }

    private long lastDeferredCursor() {
        return deferred == null || deferred.isEmpty() ? 0 : deferred.get(deferred.size() - 1).cursor();
    }

    private void rollback(Throwable failure, Savepoint savepoint) {
        if (savepoint == null) {
            rollback(failure);
            return;
        }
        try {
            database.writer().rollback(savepoint);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void rollback(Throwable failure) {
        try {
            database.writer().rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface Recorder<T> {
        void record(T value, long cursor) throws SQLException;
    }

    private record Committed<T>(T value, long cursor) {}
}
