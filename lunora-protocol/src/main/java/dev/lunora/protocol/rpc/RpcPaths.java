package dev.lunora.protocol.rpc;

/** The HTTP paths a Lunora deployment serves. */
public final class RpcPaths {
    /** Single call: {@code POST}. */
    public static final String RPC = "/_lunora/rpc";
    /** Batched calls: {@code POST}. */
    public static final String RPC_BATCH = "/_lunora/rpc-batch";
    /** WebSocket upgrade: {@code GET}. */
    public static final String WS = "/_lunora/ws";
    /** Health probe: {@code GET}. */
    public static final String STATUS = "/_lunora/status";

    private RpcPaths() {
    }
}
