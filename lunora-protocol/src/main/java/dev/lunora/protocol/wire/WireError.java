package dev.lunora.protocol.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JavaScript {@code Error} as the wire carries it: name, message, own enumerable properties and an optional
 * cause. The stack is never carried.
 *
 * @param name the error name, e.g. {@code TypeError}
 * @param message the message
 * @param props own enumerable properties as native values (insertion-ordered, unmodifiable, values may be null)
 * @param cause the native cause: {@link Undefined#INSTANCE} when the error has none, which is distinct from a
 *     {@code null} cause
 */
public record WireError(String name, String message, Map<String, Object> props, Object cause) {
    /** Copies {@code props}; rejects a null name, message or props map. */
    public WireError {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        props = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(props, "props")));
    }

    /** An error with no properties and no cause. */
    public static WireError of(String name, String message) {
        return new WireError(name, message, Map.of(), Undefined.INSTANCE);
    }

    /** Whether the error carries a cause slot (possibly {@code null}). */
    public boolean hasCause() {
        return cause != Undefined.INSTANCE;
    }

    /** The cause when present and non-null. */
    public Optional<Object> causeValue() {
        return hasCause() ? Optional.ofNullable(cause) : Optional.empty();
    }
}
