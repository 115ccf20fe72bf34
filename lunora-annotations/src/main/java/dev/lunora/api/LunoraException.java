package dev.lunora.api;

import java.util.Optional;

/**
 * A failure with a machine-readable code ({@code CONFLICT}, {@code VALIDATION_ERROR}, …). Thrown by function
 * bodies to reject a call, and raised on the client with the code the server sent. A code-less failure (a lost
 * connection, a 5xx page) is a transport error: its {@link #code()} is {@code INTERNAL} and {@link #coded()}
 * is false.
 */
public class LunoraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Object data;
    private final boolean coded;

    /** A coded rejection carrying no data. */
    public LunoraException(String code, String message) {
        this(code, message, null, true, null);
    }

    /** A coded rejection carrying decoded wire data (may be null). */
    public LunoraException(String code, String message, Object data) {
        this(code, message, data, true, null);
    }

    /**
     * The general form.
     *
     * @param code the machine-readable code
     * @param message the human-readable message
     * @param data decoded wire data, or null
     * @param coded whether the peer sent the code (a verdict) or the client inferred it from a transport failure
     * @param cause the underlying failure, or null
     */
    public LunoraException(String code, String message, Object data, boolean coded, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.data = data;
        this.coded = coded;
    }

    /** The machine-readable code. */
    public String code() {
        return code;
    }

    /** The error's decoded data, when the peer sent any. */
    public Optional<Object> data() {
        return Optional.ofNullable(data);
    }

    /** Whether the code came from the peer's error envelope (a verdict) rather than from a transport failure. */
    public boolean coded() {
        return coded;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
