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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The live-query hub: holds every WebSocket subscription, runs it on subscribe and re-runs it after each commit
 * that wrote a row inside a range it read (table and equality filters, so a write to another shard key does not
 * wake it), sending {@code data} when the result changed and {@code settled} when it did not. A subscribe carrying
 * {@code sinceSeq}/{@code sinceEpoch} of this database gets {@code resume} instead of data when no commit since that
 * cursor touched its read set; the hub keeps the write sets of the last commits for that, and answers older
 * cursors with data. All runs happen on one dedicated thread, in the order subscribes and commits arrived, so a
 * connection's frames follow commit order; callers only enqueue work and never block on a query. Thread-safe.
 */
public final class LiveQueries implements CommitListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveQueries.class.getName());

    private final LiveRunner runner;
    private final String epoch;
    private final int maxPerConnection;
    private final int changeLogSize;
    private final ThreadPoolExecutor executor;
    private final Map<WsConnection, Map<String, Subscription>> subscriptions = new ConcurrentHashMap<>();
    // Confined to the hub's thread: the commits processed so far, the oldest evicted first.
    private final Deque<Change> changeLog = new ArrayDeque<>();
    private long processedCursor;
    private long logFloor;

    /**
     * A hub running queries through {@code runner}.
     *
     * @param startCursor the database's commit cursor when the hub starts
     * @param epoch the database epoch sent with every result
     * @param maxPerConnection the cap on live subscriptions per connection ({@code TOO_MANY_SUBSCRIPTIONS} beyond)
     * @param changeLogSize how many commits' write sets are kept to answer resumes
     */
    public LiveQueries(LiveRunner runner, long startCursor, String epoch, int maxPerConnection, int changeLogSize) {
        this.runner = runner;
        this.epoch = epoch;
        this.maxPerConnection = maxPerConnection;
        this.changeLogSize = changeLogSize;
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
     * {@code data} otherwise, or an {@code error} frame ({@code TOO_MANY_SUBSCRIPTIONS} over the cap).
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
            Subscription subscription = new Subscription(connection, id, functionPath, args);
            byId.put(id, subscription);
            connection.send(Frames.write(new ServerFrame.Ack(id)));
            QueryRun run = run(subscription);
            if (run.result().isPresent() && sinceEpoch.filter(epoch::equals).isPresent() && sinceSeq.isPresent()
                    && unchangedSince(sinceSeq.getAsLong(), run.reads())) {
                subscription.lastSent = Optional.of(WireJson.write(run.result().get()));
                connection.send(Frames.write(new ServerFrame.Resume(id, OptionalLong.of(processedCursor),
                        Optional.of(epoch), OptionalLong.empty())));
                return;
            }
            deliver(subscription, run);
        });
    }

    /** Drops subscription {@code id} of {@code connection}; unknown ids are ignored. */
    void unsubscribe(WsConnection connection, String id) {
        enqueue(() -> {
            Map<String, Subscription> byId = subscriptions.get(connection);
            if (byId != null) {
                byId.remove(id);
            }
        });
    }

    /** Drops every subscription of a closed connection. */
    void disconnected(WsConnection connection) {
        enqueue(() -> subscriptions.remove(connection));
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
            for (Map<String, Subscription> byId : subscriptions.values()) {
                for (Subscription subscription : byId.values()) {
                    if (writes.touches(subscription.reads)) {
                        deliver(subscription, run(subscription));
                    }
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

    private QueryRun run(Subscription subscription) {
        QueryRun run = runner.run(subscription.functionPath, subscription.args, subscription.connection.userId());
        subscription.reads = run.reads();
        return run;
    }

    private void deliver(Subscription subscription, QueryRun run) {
        if (run.failure().isPresent()) {
            LunoraException failure = run.failure().get();
            subscription.lastSent = Optional.empty();
            subscription.connection.send(Frames.write(new ServerFrame.Error(Optional.of(subscription.id),
                    failure.code(), failure.getMessage())));
            return;
        }
        JsonNode result = run.result().orElseThrow();
        String encoded = WireJson.write(result);
        OptionalLong cursor = OptionalLong.of(processedCursor);
        ServerFrame frame = subscription.lastSent.filter(encoded::equals).isPresent()
                ? new ServerFrame.Settled(subscription.id, cursor, Optional.of(epoch), OptionalLong.empty())
                : new ServerFrame.Data(subscription.id, result, cursor, Optional.of(epoch), OptionalLong.empty());
        subscription.lastSent = Optional.of(encoded);
        subscription.connection.send(Frames.write(frame));
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

    /** One subscription; its mutable state is confined to the hub's thread. */
    private static final class Subscription {
        private final WsConnection connection;
        private final String id;
        private final String functionPath;
        private final JsonNode args;
        private Set<ReadRange> reads = Set.of();
        private Optional<String> lastSent = Optional.empty();

        private Subscription(WsConnection connection, String id, String functionPath, JsonNode args) {
            this.connection = connection;
            this.id = id;
            this.functionPath = functionPath;
            this.args = args;
        }
    }
}
