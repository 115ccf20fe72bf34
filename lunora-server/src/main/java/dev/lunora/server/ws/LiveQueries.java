package dev.lunora.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.frames.Frames;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.exec.CommitListener;
import dev.lunora.server.exec.QueryRun;
import dev.lunora.server.exec.WriteSet;
import dev.lunora.server.storage.ReadRange;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The live-query hub: holds every WebSocket subscription, runs it on subscribe and re-runs it after each commit
 * that wrote a row inside a range it read (table and equality filters, so a write to another shard key does not
 * wake it), sending {@code data} when the result changed and {@code settled} when it did not. A subscribe carrying
 * {@code sinceSeq}/{@code sinceEpoch} of this database gets {@code resume} instead of data when no commit since that
 * cursor touched its read set and the run saw no commit the hub has not processed yet; the hub keeps the write sets
 * of the last commits for that. Otherwise it gets {@code settled} when the run gives the very result the hub sent
 * that query and user with that cursor (see {@link DeliveredResults}), and {@code data} when neither holds. All runs
 * happen on one dedicated thread, in
 * the order subscribes and commits arrived, so a connection's frames follow commit order; callers only enqueue work
 * and never block on a query.
 *
 * <p>After a commit, subscriptions of the same query and arguments share one run and one encoded frame when they
 * see the same rows: those of one user always, and those of every caller when the run never read the caller's
 * identity (no row rule consulted it, nor the body). Sends are asynchronous, so one slow socket holds up no other.
 * Thread-safe.
 */
public final class LiveQueries implements CommitListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveQueries.class.getName());

    private final LiveRunner runner;
    private final LongSupplier committedCursor;
    private final String epoch;
    private final int maxPerConnection;
    private final int changeLogSize;
    private final ThreadPoolExecutor executor;
    private final Map<WsConnection, Map<String, Subscription>> subscriptions = new ConcurrentHashMap<>();
    // Confined to the hub's thread: every subscription of the map above, in one list that a commit walks by index
    // (an iterator per connection and commit was a tenth of what a push allocated); the commits processed so far,
    // the oldest evicted first.
    private final List<Subscription> everySubscription = new ArrayList<>();
    private final Deque<Change> changeLog = new ArrayDeque<>();
    private final DeliveredResults<CallerKey> delivered;
    private long processedCursor;
    private long logFloor;

    /**
     * A hub running queries through {@code runner}.
     *
     * @param committedCursor reads the database's commit cursor: at least that of every commit a run finished before
     *     the call could see (it may throw; a resubscribe then gets data)
     * @param startCursor the database's commit cursor when the hub starts
     * @param epoch the database epoch sent with every result
     * @param maxPerConnection the cap on live subscriptions per connection ({@code TOO_MANY_SUBSCRIPTIONS} beyond)
     * @param changeLogSize how many commits' write sets are kept to answer resumes
     * @param deliveredResults how many sent results (per query, user and cursor) are remembered to answer
     *     resubscribes with {@code settled}
     */
    public LiveQueries(LiveRunner runner, LongSupplier committedCursor, long startCursor, String epoch,
                       int maxPerConnection, int changeLogSize, int deliveredResults) {
        this.runner = runner;
        this.committedCursor = committedCursor;
        this.epoch = epoch;
        this.maxPerConnection = maxPerConnection;
        this.changeLogSize = changeLogSize;
        this.delivered = new DeliveredResults<>(deliveredResults);
        this.processedCursor = startCursor;
        this.logFloor = startCursor;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "lunora-live-queries");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Registers (or replaces) subscription {@code id} of {@code connection}, then sends {@code ack} and its result:
     * {@code resume} when {@code sinceSeq} in {@code sinceEpoch} is still current for what the query reads,
     * {@code settled} when the result is the one sent with that cursor, {@code data} otherwise, or an {@code error}
     * frame ({@code TOO_MANY_SUBSCRIPTIONS} over the cap).
     */
    void subscribe(WsConnection connection, String id, String functionPath, JsonNode args, OptionalLong sinceSeq,
                   Optional<String> sinceEpoch) {
        enqueue(() -> {
            if (connection.isClosed()) {
                return;
            }
            Map<String, Subscription> byId = subscriptions.computeIfAbsent(connection,
                    key -> new ConcurrentHashMap<>());
            if (!byId.containsKey(id) && byId.size() >= maxPerConnection) {
                connection.send(Frames.write(new ServerFrame.Error(Optional.of(id), "TOO_MANY_SUBSCRIPTIONS",
                        "a connection holds at most " + maxPerConnection + " subscriptions")));
                return;
            }
            Subscription subscription = new Subscription(connection, id, new QueryKey(functionPath, args));
            Subscription replaced = byId.put(id, subscription);
            if (replaced == null) {
                everySubscription.add(subscription);
            } else {
                everySubscription.set(everySubscription.indexOf(replaced), subscription);
            }
            connection.send(Frames.write(new ServerFrame.Ack(id)));
            Outcome outcome = new Outcome(run(subscription.query, connection.userId()));
            if (outcome.encoded.isPresent() && sinceEpoch.filter(epoch::equals).isPresent() && sinceSeq.isPresent()) {
                long since = sinceSeq.getAsLong();
                if (unchangedSince(since, outcome.run.reads()) && sawOnlyProcessedCommits()) {
                    holds(subscription, outcome);
                    connection.send(Frames.write(new ServerFrame.Resume(id, OptionalLong.of(processedCursor),
                            Optional.of(epoch), OptionalLong.empty())));
                    return;
                }
                if (delivered.wasSent(subscription.callerKey(), since, outcome.digest())) {
                    holds(subscription, outcome);
                    connection.send(outcome.settledFrame(id));
                    return;
                }
            }
            deliver(subscription, outcome);
        });
    }

    /** Drops subscription {@code id} of {@code connection}; unknown ids are ignored. */
    void unsubscribe(WsConnection connection, String id) {
        enqueue(() -> {
            Map<String, Subscription> byId = subscriptions.get(connection);
            Subscription removed = byId == null ? null : byId.remove(id);
            if (removed != null) {
                everySubscription.remove(removed);
            }
        });
    }

    /** Drops every subscription of a closed connection. */
    void disconnected(WsConnection connection) {
        enqueue(() -> {
            if (subscriptions.remove(connection) != null) {
                everySubscription.removeIf(subscription -> subscription.connection == connection);
            }
        });
    }

    /** The number of live subscriptions over all connections (for tests and monitoring). */
    public int subscriberCount() {
        return subscriptions.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public void committed(long commitCursor, WriteSet writes) {
        enqueue(() -> {
            processedCursor = commitCursor;
            changeLog.addLast(new Change(commitCursor, writes));
            while (changeLog.size() > changeLogSize) {
                logFloor = changeLog.removeFirst().cursor();
            }
            SharedRuns runs = new SharedRuns();
            for (int i = 0; i < everySubscription.size(); i++) {
                Subscription subscription = everySubscription.get(i);
                if (writes.touches(subscription.reads)) {
                    deliver(subscription, runs.of(subscription));
                }
            }
        });
    }

    /** Finishes the queued runs, then stops the hub's thread (never interrupting it: it may be inside H2). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "live queries still running after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether no commit after {@code sinceSeq} (still within the change log) wrote into {@code reads}. */
    private boolean unchangedSince(long sinceSeq, Set<ReadRange> reads) {
        if (sinceSeq < logFloor || sinceSeq > processedCursor) {
            return false;
        }
        for (Change change : changeLog) {
            if (change.cursor() > sinceSeq && change.writes().touches(reads)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the run just finished saw no commit after {@link #processedCursor}: one committed but not yet processed
     * here is missing from the change log, so {@link #unchangedSince} cannot vouch for it.
     */
    private boolean sawOnlyProcessedCommits() {
        try {
            return committedCursor.getAsLong() <= processedCursor;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not read the commit cursor; sending data, not resume", e);
            return false;
        }
    }

    private QueryRun run(QueryKey query, Optional<String> userId) {
        return runner.run(query.functionPath(), query.args(), userId);
    }

    /** Sends {@code outcome} to {@code subscription}: {@code settled} when it already holds that result. */
    private void deliver(Subscription subscription, Outcome outcome) {
        subscription.reads = outcome.run.reads();
        if (outcome.encoded.isEmpty()) {
            LunoraException failure = outcome.run.failure().orElseThrow();
            subscription.lastSent = Optional.empty();
            subscription.connection.send(Frames.write(new ServerFrame.Error(Optional.of(subscription.id),
                    failure.code(), failure.getMessage())));
            return;
        }
        boolean unchanged = subscription.lastSent.equals(outcome.encoded);
        holds(subscription, outcome);
        subscription.connection.send(unchanged ? outcome.settledFrame(subscription.id)
                : outcome.dataFrame(subscription.id));
    }

    /** Notes that {@code subscription} is about to be sent a frame saying it holds {@code outcome}'s result. */
    private void holds(Subscription subscription, Outcome outcome) {
        subscription.reads = outcome.run.reads();
        subscription.lastSent = outcome.encoded;
        CallerKey caller = subscription.callerKey();
        if (outcome.recordedFor.add(caller.userId())) {
            delivered.sent(caller, processedCursor, outcome.digest());
        }
    }

    private void enqueue(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "live query task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "live queries closed; dropped a task");
        }
    }

    /** One commit as the hub saw it. */
    private record Change(long cursor, WriteSet writes) {}

    /** What a live query is: its path and wire arguments. */
    private record QueryKey(String functionPath, JsonNode args) {}

    /** A query as one user (empty: anonymous) runs it. */
    private record CallerKey(QueryKey query, Optional<String> userId) {}

    /**
     * The runs of one commit, shared between the subscriptions that see the same rows: one run per query and user,
     * or per query alone once a run showed it never reads the caller. Confined to the hub's thread.
     */
    private final class SharedRuns {
        private final Map<QueryKey, Outcome> anyCaller = new HashMap<>();
        private final Map<CallerKey, Outcome> byCaller = new HashMap<>();

        Outcome of(Subscription subscription) {
            Outcome shared = anyCaller.get(subscription.query);
            if (shared != null) {
                return shared;
            }
            Optional<String> userId = subscription.connection.userId();
            return byCaller.computeIfAbsent(new CallerKey(subscription.query, userId), key -> {
                Outcome outcome = new Outcome(run(key.query(), userId));
                if (!outcome.run.perCaller()) {
                    anyCaller.put(key.query(), outcome);
                }
                return outcome;
            });
        }
    }

    /**
     * One run and its frames, encoded once and handed as the same UTF-8 bytes to every subscription sharing the run
     * (frames name the subscription id, so there is one per id). Confined to the hub's thread.
     */
    private final class Outcome {
        private final QueryRun run;
        private final Optional<String> encoded;
        private final Map<String, ByteBuffer> dataFrames = new HashMap<>();
        private final Map<String, ByteBuffer> settledFrames = new HashMap<>();
        private final Set<Optional<String>> recordedFor = new HashSet<>();
        private byte[] digest;

        Outcome(QueryRun run) {
            this.run = run;
            this.encoded = run.result().map(WireJson::write);
        }

        byte[] digest() {
            if (digest == null) {
                digest = DeliveredResults.digest(encoded.orElseThrow());
            }
            return digest;
        }

        ByteBuffer dataFrame(String id) {
            return dataFrames.computeIfAbsent(id, key -> WsConnection.utf8(Frames.write(new ServerFrame.Data(key,
                    run.result().orElseThrow(), OptionalLong.of(processedCursor), Optional.of(epoch),
                    OptionalLong.empty()))));
        }

        ByteBuffer settledFrame(String id) {
            return settledFrames.computeIfAbsent(id, key -> WsConnection.utf8(Frames.write(new ServerFrame.Settled(
                    key, OptionalLong.of(processedCursor), Optional.of(epoch), OptionalLong.empty()))));
        }
    }

    /** One subscription; its mutable state is confined to the hub's thread. */
    private static final class Subscription {
        private final WsConnection connection;
        private final String id;
        private final QueryKey query;
        private Set<ReadRange> reads = Set.of();
        private Optional<String> lastSent = Optional.empty();

        private Subscription(WsConnection connection, String id, QueryKey query) {
            this.connection = connection;
            this.id = id;
            this.query = query;
        }

        CallerKey callerKey() {
            return new CallerKey(query, connection.userId());
        }
    }
}
