package dev.lunora.runtime.outbox;

/**
 * What an outbox write survives once the action that made it has returned. Either way the write is first appended to
 * the process's journal (one {@code write()} per group of concurrent writers) and moved into the H2 file in batches
 * later; the journal is replayed into the file by the next process that opens it after a crash.
 */
public enum Durability {
    /**
     * A kill of the process (the default): the action returns once its group's journal record has been handed to the
     * operating system ({@code write()}), which may still hold it in its cache; a power loss or kernel crash may lose
     * the last writes (a torn record is dropped, never half replayed).
     */
    PROCESS_CRASH,
    /**
     * Also a power loss: the action returns once its group's journal record has been forced to the device
     * ({@code FileChannel.force}, one per group, shared by concurrent writers), and each batch moved into the H2 file
     * is forced before its journal segment is deleted. Costs about one device sync per group.
     */
    POWER_LOSS
}
