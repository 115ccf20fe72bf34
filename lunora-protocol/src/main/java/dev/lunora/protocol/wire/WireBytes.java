package dev.lunora.protocol.wire;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Binary data: a {@code Uint8Array} (no constructor name) or another typed array / {@code ArrayBuffer} named by
 * {@link #ctor()}. Immutable: the bytes are copied in and out. A named view must hold a whole number of elements.
 */
public final class WireBytes {
    private static final String UINT8 = "Uint8Array";
    private static final Map<String, Integer> ELEMENT_SIZES = Map.ofEntries(
            Map.entry("ArrayBuffer", 1), Map.entry("Int8Array", 1), Map.entry(UINT8, 1),
            Map.entry("Uint8ClampedArray", 1), Map.entry("Int16Array", 2), Map.entry("Uint16Array", 2),
            Map.entry("Float16Array", 2), Map.entry("Int32Array", 4), Map.entry("Uint32Array", 4),
            Map.entry("Float32Array", 4), Map.entry("Float64Array", 8), Map.entry("BigInt64Array", 8),
            Map.entry("BigUint64Array", 8), Map.entry("DataView", 1));

    private final byte[] bytes;
    private final Optional<String> ctor;

    /**
     * Bytes viewed through {@code ctor} ({@code Uint8Array} when empty; naming it explicitly is the same value).
     *
     * @throws WireFormatException when the constructor name is unknown or the length is not a whole number of
     *     its elements
     */
    public WireBytes(byte[] bytes, Optional<String> ctor) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(ctor, "ctor");
        if (ctor.isPresent()) {
            Integer size = ELEMENT_SIZES.get(ctor.get());
            if (size == null) {
                throw new WireFormatException("unknown typed-array constructor: " + ctor.get());
            }
            if (bytes.length % size != 0) {
                throw new WireFormatException(bytes.length + " bytes is not a whole number of " + ctor.get()
                        + " elements");
            }
        }
        this.bytes = bytes.clone();
        this.ctor = ctor.filter(name -> !UINT8.equals(name));
    }

    /** A {@code Uint8Array} over a copy of {@code bytes}. */
    public static WireBytes of(byte[] bytes) {
        return new WireBytes(bytes, Optional.empty());
    }

    /** Bytes viewed through the named constructor; fails as the constructor does. */
    public static WireBytes of(byte[] bytes, String ctor) {
        return new WireBytes(bytes, Optional.of(ctor));
    }

    /** Whether {@code ctor} names a typed-array constructor this codec knows the element size of. */
    public static boolean isKnownCtor(String ctor) {
        return ELEMENT_SIZES.containsKey(ctor);
    }

    /**
     * Decodes canonical standard base64: exactly the string {@link #base64()} would produce for the bytes.
     *
     * @throws WireFormatException for anything else (missing padding, whitespace, url alphabet, stray bits, ...)
     */
    static byte[] decodeBase64(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("bytes payload is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new WireFormatException("bytes payload is not canonical base64");
        }
        return decoded;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The typed-array constructor name, or empty for a plain {@code Uint8Array}. */
    public Optional<String> ctor() {
        return ctor;
    }

    /** The canonical padded standard base64 of the bytes. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireBytes that && Arrays.equals(bytes, that.bytes) && ctor.equals(that.ctor);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + ctor.hashCode();
    }

    @Override
    public String toString() {
        return "WireBytes[" + ctor.orElse(UINT8) + ", " + base64() + "]";
    }
}
