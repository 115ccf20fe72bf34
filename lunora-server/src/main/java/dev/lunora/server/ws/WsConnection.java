package dev.lunora.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.frames.ClientFrame;
import dev.lunora.protocol.frames.Frames;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.wire.WireJson;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One client WebSocket: parses its text frames, answers keepalives, hands subscriptions to the {@link LiveQueries}
 * hub (never running a query on the read thread) and sends frames in the order they were queued, one at a time.
 * A frame over the size limit gets a {@code PAYLOAD_TOO_LARGE} error frame, a malformed one (including codec depth
 * and bigint caps) a {@code BAD_REQUEST} error frame; the socket stays open. A frame shared by many sockets (a
 * commit's push) is encoded to UTF-8 once and written to each from the same bytes. The frames queued and in flight are
 * capped in bytes: a client that reads too slowly (or not at all) for its pushes is closed with
 * {@link #SEND_QUEUE_FULL_CLOSE}, its queue dropped and its subscriptions with it, so it holds neither memory nor
 * anyone else up. Thread-safe.
 */
public final class WsConnection implements Session.Listener.AutoDemanding {
    /** Close code for a refused token (the protocol's {@code 4001}). */
    public static final int UNAUTHENTICATED_CLOSE = 4001;
    /**
     * Close code for a client whose unsent frames passed the cap: {@code 1013} (try again later), as reconnecting and
     * resubscribing is the remedy.
     */
    public static final int SEND_QUEUE_FULL_CLOSE = 1013;

    private final LiveQueries live;
    private final Optional<String> userId;
    private final boolean refused;
    private final int maxFrameBytes;
    private final long maxQueuedBytes;
    private final Deque<ByteBuffer> outbox = new ArrayDeque<>();
    // Guarded by this: the bytes of the queued frames and of the one in flight, and of the latter alone.
    private long queuedBytes;
    private long inFlightBytes;
    /** Called by Jetty when a frame has been written: one instance for every frame (one is in flight at a time). */
    private final org.eclipse.jetty.util.Callback written =
            org.eclipse.jetty.util.Callback.from(this::sendNext, failure -> closeOutbox());
    private Session session;
    private CoreSession frames;
    private boolean sending;
    private boolean closed;
    private volatile Optional<String> clientId = Optional.empty();

    private WsConnection(LiveQueries live, Optional<String> userId, boolean refused, int maxFrameBytes,
                         long maxQueuedBytes) {
        this.live = live;
        this.userId = userId;
        this.refused = refused;
        this.maxFrameBytes = maxFrameBytes;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * A connection of a caller authenticated as {@code userId} (empty: anonymous).
     *
     * @param maxFrameBytes the largest text frame (UTF-8 bytes) handled; larger ones get {@code PAYLOAD_TOO_LARGE}
     * @param maxQueuedBytes the cap on the bytes of the frames not yet written to the client (a frame onto an empty
     *     queue is always taken); past it the socket is closed with {@link #SEND_QUEUE_FULL_CLOSE}
     */
    public static WsConnection accepted(LiveQueries live, Optional<String> userId, int maxFrameBytes,
                                        long maxQueuedBytes) {
        return new WsConnection(live, userId, false, maxFrameBytes, maxQueuedBytes);
    }

    /** A connection whose token was refused: it is closed with {@link #UNAUTHENTICATED_CLOSE} once open. */
    public static WsConnection refused(LiveQueries live) {
        return new WsConnection(live, Optional.empty(), true, 0, 0);
    }

    /** The subscriber's user id, empty when anonymous. */
    Optional<String> userId() {
        return userId;
    }

    /** The client id announced by the {@code connect} frame, if any. */
    public Optional<String> clientId() {
        return clientId;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        synchronized (this) {
            session = opened;
            frames = ((WebSocketSession) opened).getCoreSession();
        }
        if (refused) {
            opened.close(UNAUTHENTICATED_CLOSE, "unauthenticated", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        if (refused) {
            return;
        }
        if (Frames.PING.equals(text)) {
            send(Frames.PONG);
            return;
        }
        if (tooLarge(text)) {
            send(Frames.write(new ServerFrame.Error(Optional.empty(), "PAYLOAD_TOO_LARGE",
                    "a frame carries at most " + maxFrameBytes + " bytes")));
            return;
        }
        ClientFrame frame;
        try {
            frame = Frames.readClient(text);
        } catch (RuntimeException e) {
            // FrameFormatException, or a WireFormatException from inside the frame: either way the client's fault.
            send(Frames.write(new ServerFrame.Error(readableId(text), "BAD_REQUEST", e.getMessage())));
            return;
        }
        if (frame instanceof ClientFrame.Connect connect) {
            clientId = connect.clientId();
        } else if (frame instanceof ClientFrame.Subscribe subscribe) {
            live.subscribe(this, subscribe.id(), subscribe.functionPath(), subscribe.args(), subscribe.sinceSeq(),
                    subscribe.sinceEpoch());
        } else if (frame instanceof ClientFrame.Unsubscribe unsubscribe) {
            live.unsubscribe(this, unsubscribe.id());
        } else {
            send(Frames.write(new ServerFrame.Error(readableId(text), "BAD_REQUEST",
                    "shape subscriptions are not supported by this server")));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeOutbox();
        live.disconnected(this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeOutbox();
        live.disconnected(this);
    }

    /** Queues a text frame; frames go out in queue order. Dropped silently once the socket has closed. */
    void send(String text) {
        send(utf8(text));
    }

    /**
     * Queues a text frame already encoded by {@link #utf8}, which other sockets may send too (its bytes are never
     * changed). Dropped silently once the socket has closed. When the frame would take the unsent bytes past the cap,
     * the socket is closed with {@link #SEND_QUEUE_FULL_CLOSE} instead and its subscriptions dropped.
     */
    void send(ByteBuffer encoded) {
        Session overflowing;
        synchronized (this) {
            if (closed || session == null) {
                return;
            }
            int size = encoded.remaining();
            if (queuedBytes == 0 || queuedBytes + size <= maxQueuedBytes) {
                outbox.addLast(encoded);
                queuedBytes += size;
                if (sending) {
                    return;
                }
                sending = true;
                overflowing = null;
            } else {
                closeOutbox();
                overflowing = session;
            }
        }
        if (overflowing == null) {
            sendNext();
            return;
        }
        live.disconnected(this);
        // Queued behind the frame in flight, so a client that resumes reading learns why.
        overflowing.close(SEND_QUEUE_FULL_CLOSE, "over " + maxQueuedBytes + " bytes of frames unsent: reconnect",
                Callback.NOOP);
    }

    /** {@code text} as a UTF-8 buffer, to queue on any number of sockets; nothing writes into it after this. */
    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private void sendNext() {
        ByteBuffer next;
        CoreSession target;
        synchronized (this) {
            queuedBytes -= inFlightBytes;
            next = outbox.pollFirst();
            if (next == null || closed) {
                inFlightBytes = 0;
                sending = false;
                return;
            }
            inFlightBytes = next.remaining();
            target = frames;
        }
        // Each socket reads the shared bytes through a view of its own, as writing moves the view's position.
        target.sendFrame(new Frame(OpCode.TEXT, true, next.duplicate()), written, false);
    }

    /** Whether the socket has closed (its subscriptions must not be registered again). */
    synchronized boolean isClosed() {
        return closed;
    }

    private boolean tooLarge(String text) {
        // A UTF-16 unit encodes to at most 3 bytes; count exactly only when that bound is over the limit.
        return (long) text.length() * 3 > maxFrameBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes;
    }

    private synchronized void closeOutbox() {
        closed = true;
        outbox.clear();
        queuedBytes = 0;
        inFlightBytes = 0;
    }

    private static Optional<String> readableId(String text) {
        try {
            JsonNode id = WireJson.parse(text).path("id");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
