package dev.lunora.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.frames.Frames;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.exec.CommitListener;
import dev.lunora.server.exec.QueryRun;

import java.util.Collections;
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
 * whose write set intersects what it read, sending {@code data} when the result changed and {@code settled} when it
 * did not. All runs happen on one dedicated thread, in the order subscribes and commits arrived, so a connection's
 * frames follow commit order; callers only enqueue work and never block on a query. Thread-safe.
 */
public final class LiveQueries implements CommitListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveQueries.class.getName());

    private final LiveRunner runner;
    private final LongSupplier cursor;
    private final String epoch;
    private final ThreadPoolExecutor executor;
    private final Map<WsConnection, Map<String, Subscription>> subscriptions = new ConcurrentHashMap<>();

    /**
     * A hub running queries through {@code runner}.
     *
     * @param cursor the current commit cursor, sent with a subscription's first result
     * @param epoch the database epoch sent with every result
     */
    public LiveQueries(LiveRunner runner, LongSupplier cursor, String epoch) {
        this.runner = runner;
        this.cursor = cursor;
        this.epoch = epoch;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "lunora-live-queries");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Registers (or replaces) subscription {@code id} of {@code connection}, then sends {@code ack} and its result. */
    void subscribe(WsConnection connection, String id, String functionPath, JsonNode args) {
        enqueue(() -> {
            long current = cursor.getAsLong();
            Subscription subscription = new Subscription(connection, id, functionPath, args);
            subscriptions.computeIfAbsent(connection, key -> new ConcurrentHashMap<>()).put(id, subscription);
            connection.send(Frames.write(new ServerFrame.Ack(id)));
            deliver(subscription, current);
        });
    }

    /** Drops subscription {@code id} of {@code connection}; unknown ids are ignored. */
    void unsubscribe(WsConnection connection, String id) {
        enqueue(() -> subscriptions.getOrDefault(connection, Map.of()).remove(id));
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
    public void committed(long commitCursor, Set<String> writes) {
        enqueue(() -> {
            for (Map<String, Subscription> byId : subscriptions.values()) {
                for (Subscription subscription : byId.values()) {
                    if (!Collections.disjoint(subscription.reads, writes)) {
                        deliver(subscription, commitCursor);
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

    private void deliver(Subscription subscription, long commitCursor) {
        QueryRun run = runner.run(subscription.functionPath, subscription.args, subscription.connection.userId());
        subscription.reads = run.reads();
        if (run.failure().isPresent()) {
            LunoraException failure = run.failure().get();
            subscription.lastSent = Optional.empty();
            subscription.connection.send(Frames.write(new ServerFrame.Error(Optional.of(subscription.id),
                    failure.code(), failure.getMessage())));
            return;
        }
        JsonNode result = run.result().orElseThrow();
        String encoded = WireJson.write(result);
        ServerFrame frame = subscription.lastSent.filter(encoded::equals).isPresent()
                ? new ServerFrame.Settled(subscription.id, OptionalLong.of(commitCursor), Optional.of(epoch),
                        OptionalLong.empty())
                : new ServerFrame.Data(subscription.id, result, OptionalLong.of(commitCursor), Optional.of(epoch),
                        OptionalLong.empty());
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

    /** One subscription; its mutable state is confined to the hub's thread. */
    private static final class Subscription {
        private final WsConnection connection;
        private final String id;
        private final String functionPath;
        private final JsonNode args;
        private Set<String> reads = Set.of();
        private Optional<String> lastSent = Optional.empty();

        private Subscription(WsConnection connection, String id, String functionPath, JsonNode args) {
            this.connection = connection;
            this.id = id;
            this.functionPath = functionPath;
            this.args = args;
        }
    }
}
