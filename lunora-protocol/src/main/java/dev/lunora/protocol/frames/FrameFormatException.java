package dev.lunora.protocol.frames;

import dev.lunora.api.LunoraException;
import java.util.Optional;

/** A malformed WebSocket frame: code {@code BAD_REQUEST}, carrying the frame's id when one could be read. */
public final class FrameFormatException extends LunoraException {
    private static final long serialVersionUID = 1L;

    private final String frameId;

    /** A malformed frame, with its id when known. */
    public FrameFormatException(String message, Optional<String> frameId) {
        super("BAD_REQUEST", message);
        this.frameId = frameId.orElse(null);
    }

    /** The offending frame's id, when it could be read. */
    public Optional<String> frameId() {
        return Optional.ofNullable(frameId);
    }
}
