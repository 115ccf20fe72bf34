package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lunora.api.Auth;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.protocol.rpc.FailureClassifier;
import dev.lunora.protocol.rpc.FailureKind;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.StoredResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs RPC calls and server transactions. Thread-safe: queries run concurrently on reader connections, mutations
 * one at a time in a transaction on the writer connection, concurrent ones sharing a commit (a savepoint each). Every
 * call blocks until its function has finished. A coded failure propagates as the function's {@link LunoraException};
 * any other failure is logged and becomes {@code INTERNAL} with a generic message.
 *
 * <p>A mutation carrying {@code x-lunora-mutation-id} runs at most once per identity (the verified user, else the
 * client id) within the idempotency retention: a replay gets the stored result, a duplicate arriving while the first
 * is still being dispatched (by this process or, on a shared database, another) gets {@code DISPATCH_IN_PROGRESS}. A
 * mutation carrying {@code x-lunora-client-seq} must extend its client's watermark by one: a sequence at or below it
 * is acknowledged without running, one beyond the next expected is {@code OUT_OF_ORDER} with {@code data.expected}.
 * A sequenced mutation refused with a verdict (a terminal coded error other than {@code INTERNAL}) still advances the
 * watermark, with none of its writes; a transient failure leaves it, so the same sequence can be sent again.
 *
 * <p>On a database other processes write too, a transaction can fail to serialise (another commit clobbered what it
 * read, SQLSTATE {@code 40001}, or a deadlock): the whole transaction is rolled back and run again, up to
 * {@link #MAX_ATTEMPTS} times. When a shared commit keeps failing, each of its mutations is run again in a
 * transaction of its own; a mutation that still fails gets {@code CONFLICT} with nothing of it applied.
 */
public final class Dispatcher {
    /** How many times one transaction is run before its serialization failures become {@code CONFLICT}. */
    public static final int MAX_ATTEMPTS = 4;
    private static final long MAX_TRIM_INTERVAL_MILLIS = 60_000;

    private final Database database;
    private final Functions functions;
    private final CommitListener listener;
    private final LongSupplier clock;
    private final List<Ticket> waiting = new ArrayList<>();
    /** Whether a caller leads a group commit now; guarded by {@link #waiting}. */
    private boolean leading;
    private final long retentionMillis;
    private final ReentrantLock mutationLock = new ReentrantLock();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    // Guarded by mutationLock: the commits that wrote in the open transaction (null when none is open), the largest
    // cursor it took, whether a serialization failure doomed it, and when expired records were last trimmed.
    private List<Change> pending;
    private long pendingCursor;
    private boolean doomed;
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
     *     {@code FORBIDDEN}, {@code DISPATCH_IN_PROGRESS}, {@code OUT_OF_ORDER}, {@code CONFLICT}, the function's
     *     own code, {@code SHARD_UNAVAILABLE} once closing, {@code INTERNAL} for anything uncoded)
     */
    public CallOutcome call(Call call) {
        enter();
        try {
            BoundFunction function = functions.lookup(call.functionPath());
            CallerAuth auth = new CallerAuth(call.userId());
            if (function instanceof BoundFunction.Query query) {
                QueryRun run = functions.runQuery(query, Functions.decodeArgs(query.ref(), call.args()), auth);
                run.failure().ifPresent(failure -> {
                    throw failure;
                });
                return new CallOutcome(run.result().orElseThrow(), OptionalLong.empty(), OptionalLong.empty());
            }
            return mutate((BoundFunction.Mutation) function, auth, call);
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
        mutationLock.lock();
        try {
            CallerAuth anonymous = new CallerAuth(Optional.empty());
            return member(() -> {
                Applied<T> done = inSavepoint(() -> apply(anonymous, RowAccess.unrestricted(), body,
                        (value, cursor) -> { }));
                register(done);
                return done.value();
            });
        } finally {
            mutationLock.unlock();
            exit();
        }
    }

    /**
     * Runs {@code work} (which makes several {@link #call}s, e.g. the entries of an RPC batch) with every mutation in
     * one database transaction: each mutation still succeeds or fails on its own (a savepoint each) and gets its own
     * commit cursor, but they share one commit, and subscribers hear of them only after it. Other mutations wait.
     * {@code work} may run more than once (only on a shared database, after serialization failures), each run from
     * scratch; when they persist, its last run gives each mutation a transaction of its own. Once accepted, the work
     * runs to its end even when {@link #close} is called meanwhile: its calls are not refused.
     *
     * @throws LunoraException {@code SHARD_ERROR} (transient: nothing was committed) when the shared commit fails,
     *     {@code SHARD_UNAVAILABLE} once closing
     */
    public <T> T inOneCommit(Supplier<T> work) {
        enter();
        try {
            return oneCommit(work);
        } finally {
            exit();
        }
    }

    /** {@link #inOneCommit} inside the gate. */
    private <T> T oneCommit(Supplier<T> work) {
        mutationLock.lock();
        try {
            if (pending != null) {
                return work.get();
            }
            Optional<Committed<T>> committed = commit(work);
            // Serialization failures persisted: run it again, each mutation in a transaction of its own.
            return committed.isPresent() ? committed.get().value() : work.get();
        } finally {
            mutationLock.unlock();
        }
    }

    /** Refuses new calls and waits for the running ones to finish. Idempotent. */
    public void close() {
        closing = true;
        gate.writeLock().lock();
    }

    /**
     * Passes the shutdown gate, or refuses with {@code SHARD_UNAVAILABLE} once closing; a thread already inside (a
     * call of an accepted {@link #inOneCommit}) always passes, so the work it belongs to finishes.
     */
    private void enter() {
        boolean inside = gate.getReadHoldCount() > 0;
        // tryLock: once close() holds the write lock for good, callers are refused rather than parked.
        if (!gate.readLock().tryLock()) {
            throw shuttingDown();
        }
        if (closing && !inside) {
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

    private CallOutcome mutate(BoundFunction.Mutation mutation, Auth auth, Call call) {
        Optional<String> identity = call.userId().map(user -> "user:" + user)
                .or(() -> call.clientId().map(client -> "client:" + client));
        Optional<String> idempotencyKey = call.mutationId().flatMap(id -> identity.map(who -> who + "\n" + id));
        Optional<String> clientKey = sequenceKey(call);
        if (idempotencyKey.isPresent() && !inFlight.add(idempotencyKey.get())) {
            throw inProgress(call);
        }
        try {
            // The outcome is taken after member() returns: a refusal that advanced the watermark is thrown only
            // once a transaction of its own has committed.
            Supplier<CallOutcome> run = () -> member(() -> runMutation(mutation, auth, call, identity,
                    idempotencyKey, clientKey)).get();
            return mutationLock.isHeldByCurrentThread() ? run.get() : inGroupCommit(run);
        } finally {
            idempotencyKey.ifPresent(inFlight::remove);
        }
    }

    private static LunoraException inProgress(Call call) {
        return new LunoraException("DISPATCH_IN_PROGRESS", "mutation " + call.mutationId().orElseThrow()
                + " is still being dispatched");
    }

    /**
     * Runs {@code run} in a group commit. One caller at a time leads: it runs every waiting mutation in one
     * transaction ({@link #inOneCommit}; a lone mutation in a transaction of its own), wakes their callers, and hands
     * the lead to the first caller that queued meanwhile; the others only wait. So concurrent clients share commits,
     * and a caller whose mutation is done returns at once instead of queueing for the mutation lock. Each mutation
     * still succeeds or fails on its own.
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
        mutationLock.lock();
        try {
            if (group.size() == 1) {
                ticket.run();
            } else {
                try {
                    oneCommit(() -> {
                        group.forEach(Ticket::run);
                        return null;
                    });
                } catch (RuntimeException e) {
                    group.forEach(member -> member.fail(e));
                }
            }
        } finally {
            mutationLock.unlock();
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

    /**
     * Runs one mutation's {@code work} (mutation lock held): inside the open transaction, or, when none is open, in a
     * transaction of its own, retried after serialization failures.
     *
     * @throws LunoraException {@code CONFLICT} when the serialization failures persist (nothing was applied),
     *     {@code SHARD_ERROR} when its own commit fails otherwise
     */
    private <T> T member(Supplier<T> work) {
        if (pending != null) {
            return work.get();
        }
        return commit(work).orElseThrow(() -> new LunoraException("CONFLICT", "concurrent commits kept clobbering"
                + " what this mutation read; nothing of it was applied")).value();
    }

    /**
     * Runs {@code work} in one transaction and commits it, then tells the listener about each commit that wrote. After
     * a serialization failure (in {@code work} or at the commit) the transaction is rolled back and {@code work} run
     * again, at most {@link #MAX_ATTEMPTS} times in all. Mutation lock held, no transaction open.
     *
     * @return what {@code work} returned; empty when every attempt failed to serialise
     * @throws LunoraException {@code SHARD_ERROR} when the commit fails for another reason (nothing was applied)
     */
    private <T> Optional<Committed<T>> commit(Supplier<T> work) {
        Connection writer = database.writer();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                // A few milliseconds, growing, so that two processes clobbering each other drift apart.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000L * attempt));
            }
            pending = new ArrayList<>();
            pendingCursor = 0;
            doomed = false;
            T result;
            List<Change> changes;
            try {
                result = work.get();
                if (doomed) {
                    writer.rollback();
                    continue;
                }
                database.commit(pendingCursor);
                changes = pending;
            } catch (SQLException e) {
                rollback(e);
                if (Database.isRetryable(e)) {
                    continue;
                }
                throw new LunoraException("SHARD_ERROR",
                        "the transaction could not be committed; nothing was applied");
            } catch (RuntimeException e) {
                rollback(e);
                if (doomed) {
                    continue;
                }
                throw e;
            } catch (Error e) {
                rollback(e);
                throw e;
            } finally {
                pending = null;
            }
            database.publishCursor(pendingCursor);
            changes.forEach(change -> listener.committed(change.cursor(), change.writes()));
            return Optional.of(new Committed<>(result));
        }
        return Optional.empty();
    }

    /**
     * Runs a mutation under a savepoint of its own (its arguments are decoded there too, so that a sequenced call's
     * {@code VALIDATION_ERROR} is a verdict like any other): the early outcome of a replay, or the body, whose result
     * is recorded with its idempotency key and client sequence.
     *
     * @return the call's outcome, which throws a refusal that was kept in the transaction (see {@link #sequenced})
     */
    private Supplier<CallOutcome> runMutation(BoundFunction.Mutation mutation, Auth auth, Call call,
                                              Optional<String> identity, Optional<String> idempotencyKey,
                                              Optional<String> clientKey) {
        SqlStep<Applied<CallOutcome>> body = () -> {
            Record args = Functions.decodeArgs(mutation.ref(), call.args());
            Applied<JsonNode> ran = apply(auth, functions.access(), ctx -> WireJson.toWire(mutation.run(ctx, args)),
                    (result, cursor) -> {
                        long now = clock.getAsLong();
                        trimExpired(now);
                        if (call.mutationId().isPresent() && identity.isPresent()) {
                            database.recordIdempotent(identity.get(), call.mutationId().get(), result, cursor, now);
                        }
                        if (clientKey.isPresent()) {
                            database.recordClientWatermark(clientKey.get(), call.clientSeq().getAsLong());
                        }
                    });
            return new Applied<>(new CallOutcome(ran.value(), OptionalLong.of(ran.cursor()), call.clientSeq()),
                    ran.cursor(), ran.writes());
        };
        Applied<Supplier<CallOutcome>> done = inSavepoint(() -> {
            Optional<CallOutcome> early = earlyOutcome(call, identity, idempotencyKey, clientKey);
            if (early.isPresent()) {
                return new Applied<>(early::get, 0, new WriteSet(List.of()));
            }
            if (clientKey.isEmpty()) {
                return settled(body.run());
            }
            return sequenced(body, clientKey.get(), call.clientSeq().getAsLong());
        });
        register(done);
        return done.value();
    }

    /**
     * Runs a sequenced mutation's {@code body} under a nested savepoint. When the body reaches a verdict (a coded
     * refusal the client treats as final, see {@link #isVerdict}), only the body is rolled back: the watermark still
     * advances to {@code seq} in the open transaction, so the client's next sequence is accepted, and the outcome
     * throws the refusal. Any other failure propagates, advancing nothing.
     */
    private Applied<Supplier<CallOutcome>> sequenced(SqlStep<Applied<CallOutcome>> body, String clientKey, long seq)
            throws SQLException {
        try {
            return settled(inSavepoint(body));
        } catch (LunoraException refusal) {
            if (!isVerdict(refusal)) {
                throw refusal;
            }
            database.recordClientWatermark(clientKey, seq);
            return new Applied<>(() -> {
                throw refusal;
            }, 0, new WriteSet(List.of()));
        }
    }

    private static Applied<Supplier<CallOutcome>> settled(Applied<CallOutcome> ran) {
        return new Applied<>(ran::value, ran.cursor(), ran.writes());
    }

    /**
     * Whether a mutation's coded failure is a verdict, final for the client (spec §4.3): every coded error but the
     * transient ones, {@code INTERNAL} (a server fault, not an answer about the write) and the {@code CONFLICT} of a
     * doomed transaction, which is run again.
     */
    private boolean isVerdict(LunoraException failure) {
        return !doomed && FailureClassifier.classify(failure) == FailureKind.TERMINAL
                && !failure.code().equals("INTERNAL");
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

        /**
         * Runs the mutation (on the leader's thread, holding the mutation lock); a run after a rolled-back attempt
         * replaces that attempt's outcome.
         */
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
     * of an already applied client sequence. Claims the mutation id database-wide first.
     *
     * @throws LunoraException {@code DISPATCH_IN_PROGRESS} when another process is running the same mutation id,
     *     {@code OUT_OF_ORDER} when the client sequence skips ahead
     */
    private Optional<CallOutcome> earlyOutcome(Call call, Optional<String> identity, Optional<String> idempotencyKey,
                                               Optional<String> clientKey) throws SQLException {
        if (idempotencyKey.isPresent()) {
            if (!database.claim(idempotencyKey.get())) {
                throw inProgress(call);
            }
            Optional<StoredResult> stored = database.findIdempotent(identity.orElseThrow(), call.mutationId()
                    .orElseThrow(), clock.getAsLong() - retentionMillis);
            if (stored.isPresent()) {
                return Optional.of(new CallOutcome(stored.get().result(),
                        OptionalLong.of(stored.get().commitCursor()), OptionalLong.empty()));
            }
        }
        if (clientKey.isPresent()) {
            long watermark = database.clientWatermark(clientKey.get());
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
        return Optional.empty();
    }

    /** Deletes expired idempotency records, at most once per retention period (and at least once a minute). */
    private void trimExpired(long now) throws SQLException {
        if (now - lastTrim >= Math.min(retentionMillis, MAX_TRIM_INTERVAL_MILLIS)) {
            database.trimExpired(now - retentionMillis, now);
            lastTrim = now;
        }
    }

    /**
     * Runs {@code step} under a savepoint of the open transaction, rolled back to when it fails. A serialization
     * failure dooms the whole transaction (it is run again) and is reported as {@code CONFLICT}.
     */
    private <T> T inSavepoint(SqlStep<T> step) {
        Connection writer = database.writer();
        Savepoint savepoint = Sql.unchecked(writer::setSavepoint);
        try {
            T value = step.run();
            writer.releaseSavepoint(savepoint);
            return value;
        } catch (SQLException e) {
            throw abandon(savepoint, e, new IllegalStateException("storage failure", e));
        } catch (RuntimeException e) {
            throw abandon(savepoint, e, e);
        } catch (Error e) {
            rollback(e, savepoint);
            throw e;
        }
    }

    private RuntimeException abandon(Savepoint savepoint, Exception failure, RuntimeException otherwise) {
        rollback(failure, savepoint);
        if (Database.isRetryable(failure)) {
            doomed = true;
            return new LunoraException("CONFLICT", "a concurrent commit clobbered what this mutation read");
        }
        return otherwise;
    }

    /** Runs a mutation body on the writer, takes its cursor and records it; the caller holds a savepoint. */
    private <T> Applied<T> apply(Auth auth, RowAccess access, Function<MutationCtx, T> body,
                                 Recorder<? super T> recorder) throws SQLException {
        TrackedDb db = new TrackedDb(database, database.writer(), true, clock, auth, access);
        T value = body.apply(Contexts.mutation(db, auth));
        WriteSet writes = db.writes();
        long lastTaken = Math.max(database.cursor(), pendingCursor);
        long cursor = writes.isEmpty() ? lastTaken
                : database.advanceCursor(writes.rows(), lastTaken, clock.getAsLong());
        recorder.record(value, cursor);
        return new Applied<>(value, cursor, writes);
    }

    /** Adds a mutation whose savepoint was released to the open transaction's commits. */
    private void register(Applied<?> done) {
        if (!done.writes().isEmpty()) {
            pending.add(new Change(done.cursor(), done.writes()));
            pendingCursor = Math.max(pendingCursor, done.cursor());
        }
    }

    private void rollback(Throwable failure, Savepoint savepoint) {
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
    private interface SqlStep<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface Recorder<T> {
        void record(T value, long cursor) throws SQLException;
    }

    /** What one mutation did in the open transaction: its value, cursor and writes. */
    private record Applied<T>(T value, long cursor, WriteSet writes) {}

    /** What a committed transaction's work returned (possibly null). */
    private record Committed<T>(T value) {}

    /** A commit that wrote, awaiting the transaction's commit to be announced. */
    private record Change(long cursor, WriteSet writes) {}
}
