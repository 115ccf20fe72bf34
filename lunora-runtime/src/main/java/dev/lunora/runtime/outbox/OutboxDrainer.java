package dev.lunora.runtime.outbox;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.FailureClassifier;
import dev.lunora.protocol.rpc.FailureKind;
import dev.lunora.protocol.rpc.RpcHeaders;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.runtime.transport.RpcTransport;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's writes to the server one at a time, oldest first, on its own thread: a write is only sent once
 * every older write is settled, so the server applies them in the order they were made. Each request carries the
 * write's idempotency key, so a write whose answer was lost is applied once however often it is resent. Transient
 * failures are retried forever with exponential backoff (1 s doubling to 60 s, plus up to 30 % jitter), reset by
 * {@link #wake(boolean) a reconnect}; a coded rejection is final. The thread is never interrupted (it touches H2).
 */
public final class OutboxDrainer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class.getName());
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 60_000;

    private final Outbox outbox;
    private final RpcTransport rpc;
    private final WriteVerdicts verdicts;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean woken;
    private int consecutiveFailures;
    private volatile boolean closed;

    /** Creates a drainer; call {@link #start()} to begin sending. */
    public OutboxDrainer(Outbox outbox, RpcTransport rpc, WriteVerdicts verdicts) {
        this.outbox = outbox;
        this.rpc = rpc;
        this.verdicts = verdicts;
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            Optional<OutboxEntry> head = outbox.head();
            long now = System.currentTimeMillis();
            if (head.isEmpty() || head.get().nextAttemptAt() > now) {
                awaitSignal(head.map(entry -> entry.nextAttemptAt() - now).orElse(Long.MAX_VALUE));
                continue;
            }
            try {
                send(head.get());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the outbox drainer failed on a write; retrying it later", e);
                retryLater(head.get(), e.toString());
            }
        }
    }

    private void send(OutboxEntry entry) {
        RpcSuccess success;
        try {
            success = rpc.call(entry.functionPath(), entry.args(), Map.of(
                    RpcHeaders.MUTATION_ID, entry.mutationId(),
                    RpcHeaders.CLIENT_ID, outbox.clientId()));
        } catch (LunoraException e) {
            if (FailureClassifier.classify(e) == FailureKind.TERMINAL) {
                outbox.discard(entry);
                synchronized (signal) {
                    consecutiveFailures = 0;
                }
                deliver(() -> verdicts.rejected(entry, e));
            } else {
                retryLater(entry, e.code() + ": " + e.getMessage());
            }
            return;
        }
        synchronized (signal) {
            consecutiveFailures = 0;
        }
        outbox.acknowledged(entry, () -> deliver(() -> verdicts.accepted(entry, success)));
    }

    /** Runs a verdict callback; a failing callback is logged and never turns a verdict into a retry. */
    private static void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a write verdict listener failed", e);
        }
    }

    private void retryLater(OutboxEntry entry, String error) {
        long delay;
        synchronized (signal) {
            delay = backoff(consecutiveFailures++);
        }
        outbox.retry(entry.retryAt(System.currentTimeMillis() + delay, error));
    }

    /** The wait before retry number {@code failures + 1}: 1 s doubling to 60 s, plus 0–30 % jitter. */
    static long backoff(int failures) {
        long base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(failures, 16));
        return base + (long) (base * 0.3 * ThreadLocalRandom.current().nextDouble());
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
