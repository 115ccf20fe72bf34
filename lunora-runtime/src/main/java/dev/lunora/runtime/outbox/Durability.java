package dev.lunora.runtime.outbox;

/** What an outbox write survives once the action that made it has returned. */
public enum Durability {
    /**
     * A kill of the process (the default): each group of writes is committed to the H2 file before the actions
     * return, but the operating system may still hold it in its cache.
     */
    PROCESS_CRASH,
    /**
     * Also a power loss: each group commit is followed by a checkpoint that forces the file to the device. Slower;
     * concurrent writers share the cost.
     */
    POWER_LOSS
}
