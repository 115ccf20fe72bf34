package dev.lunora.protocol.wire;

/** A value that cannot be encoded to, or decoded from, the Lunora wire form. */
public final class WireFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public WireFormatException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
