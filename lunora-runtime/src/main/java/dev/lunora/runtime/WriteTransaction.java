package dev.lunora.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * One optimistic write on its way to the server. Thread-safe.
 */
public final class WriteTransaction {
    private final String id;
    private final CompletableFuture<Void> persisted = new CompletableFuture<>();

    WriteTransaction(String id) {
        this.id = id;
    }

    /** The transaction id (the client-chosen id of the written row). */
    public String id() {
        return id;
    }

    /**
     * Completes when the server has applied the write, or exceptionally with its {@link
     * dev.lunora.api.LunoraException} when the server refused it. Waits through any outage: a write is retried until
     * the server gives a verdict.
     */
    public CompletableFuture<Void> isPersisted() {
        return persisted.copy();
    }

    void persisted() {
        persisted.complete(null);
    }

    void rejected(RuntimeException error) {
        persisted.completeExceptionally(error);
    }

    @Override
    public String toString() {
        return "WriteTransaction[" + id + "]";
    }
}
