package dev.lunora.protocol.rpc;

/** The HTTP request header names the RPC uses (lower case; HTTP header names are case-insensitive). */
public final class RpcHeaders {
    /** Idempotency key for a mutation replay. */
    public static final String MUTATION_ID = "x-lunora-mutation-id";
    /** The id of the client that issued the write. */
    public static final String CLIENT_ID = "x-lunora-client-id";
    /** The client's per-write sequence number. */
    public static final String CLIENT_SEQ = "x-lunora-client-seq";
    /** {@code Bearer <token>}. */
    public static final String AUTHORIZATION = "authorization";

    private RpcHeaders() {
    }
}
