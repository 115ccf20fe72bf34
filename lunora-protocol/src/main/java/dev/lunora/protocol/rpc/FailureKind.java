package dev.lunora.protocol.rpc;

/** Whether a failed durable write may be retried. */
public enum FailureKind {
    /** No verdict was reached (or the fate is unknown): retry, idempotently. */
    TRANSIENT,
    /** The server refused the write: report it and drop it. */
    TERMINAL
}
