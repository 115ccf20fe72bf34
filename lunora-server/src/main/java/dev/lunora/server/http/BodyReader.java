package dev.lunora.server.http;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.BatchRequest;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads one request body without holding a thread while it waits: Jetty calls back on demand when bytes arrive, so a
 * client sending slowly costs a connection, not one of the server's threads. The whole body must arrive within a
 * deadline, timed by Jetty's scheduler. The outcome is delivered exactly once: on the thread that read the last bytes
 * (which may block, e.g. to run the call), or, for a timeout, on the scheduler's thread (which must not).
 */
final class BodyReader implements Runnable {
    /** How much of an oversized body is read and dropped before refusing it; a larger one is refused at once. */
    private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    /** What became of a body. */
    sealed interface Body permits Received, Refused, TimedOut {}

    /** The whole body, at most {@link BatchRequest#MAX_BODY_BYTES}. */
    record Received(byte[] bytes) implements Body {}

    /** The body is too large ({@code PAYLOAD_TOO_LARGE}) or could not be read ({@code BAD_REQUEST}). */
    record Refused(LunoraException failure) implements Body {}

    /** The body did not arrive within the deadline; the rest of it is never read. */
    record TimedOut(Duration deadline) implements Body {}

    private final Request request;
    private final Consumer<Body> outcome;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** The deadline's task, assigned after the first read; a body settled before that finds it null. */
    private volatile Scheduler.Task timer;
    private long received;

    private BodyReader(Request request, Consumer<Body> outcome) {
        this.request = request;
        this.outcome = outcome;
    }

    /**
     * Reads {@code request}'s body and hands {@code outcome} what became of it. An oversized body is refused with
     * {@code PAYLOAD_TOO_LARGE} after reading and dropping the rest of it (up to {@link #DISCARD_LIMIT}, within the
     * deadline), so that the client, still sending, reliably receives the refusal instead of a reset connection.
     */
    static void read(Request request, Duration deadline, Consumer<Body> outcome) {
        if (request.getLength() > DISCARD_LIMIT) {
            outcome.accept(new Refused(tooLarge()));
            return;
        }
        BodyReader reader = new BodyReader(request, outcome);
        reader.run();
        // Most bodies have arrived with their headers and are settled by now, with no timer to schedule and cancel.
        if (!reader.settled.get()) {
            Scheduler.Task task = request.getComponents().getScheduler()
                    .schedule(() -> reader.settle(new TimedOut(deadline)), deadline);
            reader.timer = task;
            if (reader.settled.get()) {
                task.cancel();
            }
        }
    }

    /** Reads what has arrived, then asks Jetty to call again when more does; stops once the outcome is settled. */
    @Override
    public void run() {
        while (!settled.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                settle(new Refused(new LunoraException("BAD_REQUEST", "could not read the request body")));
                return;
            }
            try {
                take(chunk.getByteBuffer());
            } finally {
                chunk.release();
            }
            if (chunk.isLast() || received >= DISCARD_LIMIT) {
                settle(received > BatchRequest.MAX_BODY_BYTES ? new Refused(tooLarge())
                        : new Received(bytes.toByteArray()));
                return;
            }
        }
    }

    private void take(ByteBuffer buffer) {
        int length = buffer.remaining();
        // Past the cap the bytes are only counted: the body is refused whatever they hold.
        long room = BatchRequest.MAX_BODY_BYTES + 1L - received;
        if (room > 0) {
            byte[] kept = new byte[(int) Math.min(room, length)];
            buffer.get(kept);
            bytes.writeBytes(kept);
        }
        received += length;
    }

    private void settle(Body body) {
        if (settled.compareAndSet(false, true)) {
            Scheduler.Task task = timer;
            if (task != null) {
                task.cancel();
            }
            outcome.accept(body);
        }
    }

    private static LunoraException tooLarge() {
        return new LunoraException("PAYLOAD_TOO_LARGE", "the request body exceeds " + BatchRequest.MAX_BODY_BYTES
                + " bytes");
    }
}
