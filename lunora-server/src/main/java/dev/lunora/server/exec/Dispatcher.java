package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.Auth;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.StoredResult;

import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs RPC calls and server transactions. Thread-safe: queries run concurrently on reader connections, mutations
 * one at a time in a transaction on the writer connection. Every call blocks until its function has
 * finished. A coded failure propagates as the function's {@link LunoraException}; any other failure is logged and
 * becomes {@code INTERNAL} with a generic message.
 */
public final class Dispatcher {
    private final Database database;
    private final Functions functions;
    private final CommitListener listener;
    private final LongSupplier clock;
    private final ReentrantLock mutationLock = new ReentrantLock();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean closing;

    /**
     * A dispatcher over the app's {@code functions}.
     *
     * @param listener told about each commit that wrote something, in commit order
     */
    public Dispatcher(Database database, Functions functions, CommitListener listener) {
        this.database = database;
        this.functions = functions;
        this.listener = listener;
        this.clock = functions.clock();
    }

    /**
     * Runs one RPC call: a query on a reader connection, or a mutation in a transaction with idempotency.
     *
     * @throws LunoraException the coded failure ({@code UNKNOWN_FUNCTION}, {@code VALIDATION_ERROR}, the function's
     *     own code, {@code SHARD_UNAVAILABLE} once closing, {@code INTERNAL} for anything uncoded)
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
                return new CallOutcome(run.result().orElseThrow(), OptionalLong.empty());
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
     * RPC mutation, with an anonymous caller. Blocks while another mutation runs.
     *
     * @throws LunoraException a coded failure of the body (the transaction is rolled back), or
     *     {@code SHARD_UNAVAILABLE} once closing
     */
    public <T> T transaction(Function<MutationCtx, T> body) {
        enter();
        try {
            return transact(new CallerAuth(Optional.empty()), body, (value, cursor) -> { }).value();
        } finally {
            exit();
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
        Optional<String> identity = call.mutationId().isEmpty() ? Optional.empty()
                : call.userId().map(user -> "user:" + user).or(() -> call.clientId().map(client -> "client:" + client));
        mutationLock.lock();
        try {
            if (identity.isPresent()) {
                Optional<StoredResult> stored = Sql.unchecked(() -> database.findIdempotent(identity.get(),
                        call.mutationId().orElseThrow()));
                if (stored.isPresent()) {
                    // End the writer's read-only transaction: the replay runs nothing.
                    Sql.unchecked(() -> {
                        database.writer().rollback();
                        return null;
                    });
                    return new CallOutcome(stored.get().result(), OptionalLong.of(stored.get().commitCursor()));
                }
            }
            Committed<JsonNode> committed = transact(auth,
                    ctx -> WireJson.toWire(mutation.run(ctx, args)),
                    (result, cursor) -> {
                        if (identity.isPresent()) {
                            database.recordIdempotent(identity.get(), call.mutationId().orElseThrow(), result,
                                    cursor, clock.getAsLong());
                        }
                    });
            return new CallOutcome(committed.value(), OptionalLong.of(committed.cursor()));
        } finally {
            mutationLock.unlock();
        }
    }

    private <T> Committed<T> transact(Auth auth, Function<MutationCtx, T> body, Recorder<? super T> recorder) {
        mutationLock.lock();
        try {
            TrackedDb db = new TrackedDb(database, database.writer(), true, clock);
            T value;
            long cursor;
            try {
                value = body.apply(Contexts.mutation(db, auth));
                cursor = db.writes().isEmpty() ? database.cursor() : database.advanceCursor();
                recorder.record(value, cursor);
                database.writer().commit();
            } catch (SQLException e) {
                rollback(e);
                throw new IllegalStateException("storage failure", e);
            } catch (RuntimeException | Error e) {
                rollback(e);
                throw e;
            }
            database.publishCursor(cursor);
            if (!db.writes().isEmpty()) {
                listener.committed(cursor, db.writes());
            }
            return new Committed<>(value, cursor);
        } finally {
            mutationLock.unlock();
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
