package dev.lunora.runtime.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.BatchCall;
import dev.lunora.protocol.rpc.BatchRequest;
import dev.lunora.protocol.rpc.BatchResponse;
import dev.lunora.protocol.rpc.BatchSlot;
import dev.lunora.protocol.rpc.RpcHeaders;
import dev.lunora.protocol.rpc.RpcPaths;
import dev.lunora.protocol.rpc.RpcRequest;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireFormatException;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.transport.RpcReply;
import dev.lunora.runtime.transport.RpcTransport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's writes to the server on its own thread, oldest first: a write is sent only with or after every
 * older write of the same identity, so the server applies them in the order they were made. Consecutive writes go in
 * one {@code POST /_lunora/rpc-batch} (at most 500 entries and under the 1 MiB body cap; halved after a 413), a
 * single write in {@code POST /_lunora/rpc}; a server without the batch endpoint is sent single calls. Each entry
 * carries its idempotency key and the client id that issued it, so a write whose answer was lost is applied once
 * however often it is resent.
 *
 * <p>Replies are classified per spec §4.2/§4.3: a coded verdict is final (transient codes excepted); a reply without
 * an envelope is classified by its HTTP status; a slot the server never returned is retried. Transient failures are
 * retried forever with exponential backoff (1 s doubling to 60 s, plus up to 30 % jitter), or after the server's
 * retry hint; {@link #wake(boolean) a reconnect} resets the backoff. Writes made under another identity than the
 * current one are held, never sent under the wrong credentials. The thread is never interrupted (it touches H2).
 *
 * <p>The drain is pipelined: once a batch's reply is in and every write in it has a final verdict, the next batch is
 * sent while the verdicts are stored and applied on a second thread (in order, one batch after the other), so the
 * server's work on one batch overlaps the local work of the one before. A batch with a write to retry is settled
 * before anything else is sent, so no write overtakes one that is still queued.
 *
 * <p>On an outbox file shared by several processes only the leader sends; every process checks every 250 ms for
 * leadership (taking it over when the leader died), for the verdicts the leader stored on its own writes, and for
 * writes left by processes that are no longer running ({@link Outbox#refresh()}).
 */
public final class OutboxDrainer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class.getName());
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 60_000;
    private static final int BODY_BUDGET = BatchRequest.MAX_BODY_BYTES - 4_096;
    static final long PEER_CHECK_MS = 250;

    private final Outbox outbox;
    private final RpcTransport rpc;
    private final WriteVerdicts verdicts;
    private final SharedOutboxEvents events;
    private final Supplier<Optional<String>> identity;
    private final Thread thread;
    private final ExecutorService settler = Executors.newSingleThreadExecutor(runnable -> {
        Thread settling = new Thread(runnable, "lunora-outbox-settle");
        settling.setDaemon(true);
        return settling;
    });
    /** The writes answered by the server whose verdicts the settler has not applied yet: not sent again meanwhile. */
    private final Set<Long> settling = ConcurrentHashMap.newKeySet();
    private Future<?> lastSettle = CompletableFuture.completedFuture(null);
    private final Object signal = new Object();
    private boolean woken;
    private int consecutiveFailures;
    private boolean batching = true;
    private int chunkLimit = BatchRequest.MAX_BATCH_ENTRIES;
    private volatile boolean closed;

    /**
     * Creates a drainer; call {@link #start()} to begin sending.
     *
     * @param identity who the client is now; only writes made under this identity are sent
     * @param events told about leadership and adopted writes of a shared outbox file
     */
    public OutboxDrainer(Outbox outbox, RpcTransport rpc, WriteVerdicts verdicts,
                         Supplier<Optional<String>> identity, SharedOutboxEvents events) {
        this.outbox = outbox;
        this.rpc = rpc;
        this.verdicts = verdicts;
        this.events = events;
        this.identity = identity;
        this.thread = new Thread(this::run, "lunora-outbox");
        this.thread.setDaemon(true);
    }

    /** Starts draining whatever the outbox holds. */
    public void start() {
        thread.start();
    }

    /**
     * Asks the drainer to look at the outbox again: after a new write, or with {@code reconnected} after the
     * connection came back, which also makes every waiting write due now and resets the backoff.
     */
    public void wake(boolean reconnected) {
        if (reconnected) {
            outbox.allDueNow();
        }
        synchronized (signal) {
            if (reconnected) {
                consecutiveFailures = 0;
            }
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops after the request in flight, if any, has been answered or has timed out; pending writes stay stored. */
    @Override
    public void close() {
        closed = true;
        wake(false);
        try {
            thread.join(30_000);
            settler.shutdown();
            settler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The wait before retry number {@code failures + 1}: 1 s doubling to 60 s, plus 0–30 % jitter. */
    static long backoff(int failures) {
        long base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(failures, 16));
        return base + (long) (base * 0.3 * ThreadLocalRandom.current().nextDouble());
    }

    private void run() {
        Optional<Boolean> leading = Optional.empty();
        long nextPeerCheck = 0;
        while (!closed) {
            long now = System.currentTimeMillis();
            if (now >= nextPeerCheck) {
                boolean leads = outbox.tryLead();
                if (leading.isEmpty() || leading.get() != leads) {
                    leading = Optional.of(leads);
                    deliver(() -> events.leadershipChanged(leads));
                }
                follow(outbox.refresh());
                nextPeerCheck = now + PEER_CHECK_MS;
            }
            if (!leading.get()) {
                awaitSignal(nextPeerCheck - now);
                continue;
            }
            Optional<String> who = identity.get();
            List<OutboxEntry> chunk = outbox.nextChunk(who, now, batching ? chunkLimit : 1, BODY_BUDGET, settling);
            if (chunk.isEmpty()) {
                // While verdicts are being applied, the settler wakes this thread when it is done.
                long due = settling.isEmpty() ? outbox.nextAttemptAt(who).orElse(Long.MAX_VALUE) : Long.MAX_VALUE;
                awaitSignal(Math.min(due, nextPeerCheck) - now);
                continue;
            }
            try {
                if (chunk.size() == 1) {
                    sendSingle(chunk.get(0));
                } else {
                    sendBatch(chunk);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the outbox drainer failed; retrying the writes later", e);
                retry(chunk, e.toString(), OptionalLong.empty());
            }
        }
    }

    /** Applies what another process did: the verdicts it stored on this process's writes, and adopted writes. */
    private void follow(Outbox.Refresh refresh) {
        for (Outbox.RecoveredWrite settled : refresh.settled()) {
            OutboxEntry entry = settled.entry();
            if (settled.rejection().isPresent()) {
                deliver(() -> verdicts.rejected(entry, settled.rejection().get()));
            } else {
                deliver(() -> verdicts.accepted(entry,
                        new RpcSuccess(NullNode.getInstance(), settled.commitCursor(), OptionalLong.empty())));
            }
            outbox.discard(List.of(entry));
        }
        if (!refresh.adopted().isEmpty()) {
            deliver(() -> events.adopted(refresh.adopted()));
        }
    }

    private void sendSingle(OutboxEntry entry) {
        RpcReply reply;
        try {
            reply = rpc.post(RpcPaths.RPC, new RpcRequest(entry.functionPath(), entry.args(), Optional.empty())
                    .toBody(), Map.of(RpcHeaders.MUTATION_ID, entry.mutationId(),
                    RpcHeaders.CLIENT_ID, outbox.clientId()));
        } catch (LunoraException unreachable) {
            retry(List.of(entry), unreachable.getMessage(), OptionalLong.empty());
            return;
        }
        awaitSettled();
        settle(List.of(entry), ReplyVerdict.of(reply.status(), reply.body(), reply.retryAfter()));
    }

    private void sendBatch(List<OutboxEntry> chunk) {
        List<BatchCall> calls = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            OutboxEntry entry = chunk.get(i);
            calls.add(new BatchCall(i, entry.functionPath(), entry.args(), Optional.of(entry.mutationId()),
                    Optional.of(outbox.clientId()), Optional.empty()));
        }
        RpcReply reply;
        try {
            reply = rpc.post(RpcPaths.RPC_BATCH, new BatchRequest(calls).toBody(), Map.of());
        } catch (LunoraException unreachable) {
            retry(chunk, unreachable.getMessage(), OptionalLong.empty());
            return;
        }
        Optional<BatchResponse> slots = parse(reply.body()).flatMap(BatchResponse::fromBody);
        if (slots.isEmpty()) {
            wholeBatchOutcome(chunk, reply);
            return;
        }
        Map<Integer, JsonNode> bodies = new HashMap<>();
        for (BatchSlot slot : slots.get().results()) {
            bodies.putIfAbsent(slot.id(), slot.body());
        }
        List<OutboxEntry> again = new ArrayList<>();
        List<OutboxEntry> applied = new ArrayList<>();
        List<RpcSuccess> successes = new ArrayList<>();
        List<OutboxEntry> refused = new ArrayList<>();
        List<ReplyVerdict> refusals = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        OptionalLong hint = OptionalLong.empty();
        for (int i = 0; i < chunk.size(); i++) {
            JsonNode body = bodies.get(i);
            ReplyVerdict verdict = body == null
                    ? new ReplyVerdict.Retry("the batch reply has no slot for this write", OptionalLong.empty())
                    : ReplyVerdict.ofSlot(body, reply.retryAfter());
            if (verdict instanceof ReplyVerdict.Retry retry) {
                again.add(chunk.get(i));
                reasons.add(retry.reason());
                hint = longer(hint, retry.hintMillis());
            } else if (verdict instanceof ReplyVerdict.Accepted accepted) {
                applied.add(chunk.get(i));
                successes.add(accepted.success());
            } else {
                refused.add(chunk.get(i));
                refusals.add(verdict);
            }
        }
        Runnable verdicts = () -> {
            for (int i = 0; i < refused.size(); i++) {
                settle(List.of(refused.get(i)), refusals.get(i));
            }
            accept(applied, successes);
        };
        if (again.isEmpty()) {
            resetBackoff();
            settleMeanwhile(chunk, verdicts);
        } else {
            awaitSettled();
            verdicts.run();
            retry(again, reasons.get(0), hint);
        }
    }

    /**
     * Applies a batch's final verdicts on the settler thread while this thread sends the next batch; the batch's
     * writes are skipped by {@link Outbox#nextChunk} until then. Should applying them fail, they are retried like a
     * failed send (the server recognises a resent write by its idempotency key).
     */
    private void settleMeanwhile(List<OutboxEntry> chunk, Runnable verdicts) {
        chunk.forEach(entry -> settling.add(entry.seq()));
        lastSettle = settler.submit(() -> {
            try {
                verdicts.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "applying the outbox's verdicts failed; retrying the writes later", e);
                retry(chunk, e.toString(), OptionalLong.empty());
            } finally {
                chunk.forEach(entry -> settling.remove(entry.seq()));
                wake(false);
            }
        });
    }

    /** Waits until the settler has applied every verdict handed to it, so that verdicts are applied in order. */
    private void awaitSettled() {
        try {
            lastSettle.get();
        } catch (ExecutionException e) {
            LOG.log(Level.SEVERE, "the outbox's settler failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OptionalLong longer(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }

    private void wholeBatchOutcome(List<OutboxEntry> chunk, RpcReply reply) {
        if (reply.status() == 404 || reply.status() == 405) {
            LOG.info("the server has no batch endpoint (HTTP " + reply.status() + "); sending writes one by one");
            batching = false;
        } else if (reply.status() == 413) {
            chunkLimit = Math.max(1, chunk.size() / 2);
        } else {
            ReplyVerdict verdict = ReplyVerdict.of(reply.status(), reply.body(), reply.retryAfter());
            awaitSettled();
            settle(chunk, verdict instanceof ReplyVerdict.Accepted
                    ? new ReplyVerdict.Retry("a batch reply without results", OptionalLong.empty()) : verdict);
        }
    }

    private void settle(List<OutboxEntry> entries, ReplyVerdict verdict) {
        if (verdict instanceof ReplyVerdict.Retry retry) {
            retry(entries, retry.reason(), retry.hintMillis());
            return;
        }
        resetBackoff();
        if (verdict instanceof ReplyVerdict.Accepted accepted) {
            accept(entries, Collections.nCopies(entries.size(), accepted.success()));
        } else if (verdict instanceof ReplyVerdict.Rejected rejected) {
            outbox.rejected(entries, rejected.error(), entry -> deliver(() -> verdicts.rejected(entry, rejected.error())));
        }
    }

    private void accept(List<OutboxEntry> entries, List<RpcSuccess> successes) {
        if (entries.isEmpty()) {
            return;
        }
        Map<Long, RpcSuccess> bySeq = new HashMap<>();
        List<OptionalLong> cursors = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            bySeq.put(entries.get(i).seq(), successes.get(i));
            cursors.add(successes.get(i).commitCursor());
        }
        outbox.acknowledged(entries, cursors, entry -> deliver(() -> verdicts.accepted(entry, bySeq.get(entry.seq()))));
    }

    private void retry(List<OutboxEntry> entries, String reason, OptionalLong hintMillis) {
        long delay;
        synchronized (signal) {
            delay = hintMillis.isPresent() ? hintMillis.getAsLong() : backoff(consecutiveFailures);
            consecutiveFailures++;
        }
        long at = System.currentTimeMillis() + delay;
        for (OutboxEntry entry : entries) {
            outbox.retry(entry.retryAt(at, reason));
        }
    }

    private void resetBackoff() {
        synchronized (signal) {
            consecutiveFailures = 0;
        }
    }

    /** Runs a verdict callback; a failing callback is logged and never turns a verdict into a retry. */
    private static void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a write verdict listener failed", e);
        }
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            return body == null || body.isBlank() ? Optional.empty() : Optional.of(WireJson.parse(body));
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }

    private void awaitSignal(long millis) {
        synchronized (signal) {
            long deadline = System.currentTimeMillis() + Math.min(millis, MAX_RETRY_MS);
            while (!woken && !closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
        }
    }
}
