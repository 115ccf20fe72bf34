package dev.lunora.protocol.frames;

import java.util.Optional;

/** The JSON text form of WebSocket frames. Stateless and thread-safe. */
public final class Frames {
    /** The client keepalive text (not JSON). */
    public static final String PING = "lunora-ping";
    /** The server's keepalive answer (not JSON). */
    public static final String PONG = "lunora-pong";

    private Frames() {
    }

    /** The JSON text of a client frame. */
    public static String write(ClientFrame frame) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The JSON text of a server frame. */
    public static String write(ServerFrame frame) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Reads a client frame (server side).
     *
     * @throws FrameFormatException for non-JSON text, an unknown type, or a missing or ill-typed field
     */
    public static ClientFrame readClient(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Reads a server frame (client side): non-JSON text (such as {@link #PONG}) and unknown types are empty.
     *
     * @throws FrameFormatException when a known frame type has a missing or ill-typed field
     */
    public static Optional<ServerFrame> readServer(String text) {
        throw new UnsupportedOperationException("not yet");
    }
}
