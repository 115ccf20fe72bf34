package dev.lunora.runtime.outbox;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.RpcSuccess;

/** Receives the server's verdict on each write the {@link OutboxDrainer} sends, on the drainer's thread. */
public interface WriteVerdicts {
    /** The server applied the write; {@code success} carries its commit cursor when the server reports one. */
    void accepted(OutboxEntry entry, RpcSuccess success);

    /** The server refused the write for good; it will not be sent again. */
    void rejected(OutboxEntry entry, LunoraException error);
}
