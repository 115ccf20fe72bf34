package dev.lunora.protocol.wire;

/**
 * The JavaScript {@code undefined}: encodes to the {@code undefined} tag in an array position and is dropped as
 * an object field. Distinct from Java {@code null}, which is JSON {@code null}.
 */
public enum Undefined {
    /** The one undefined value. */
    INSTANCE
}
