package dev.lunora.server.exec;

/** Told about every committed mutation that wrote something, in commit order. */
@FunctionalInterface
public interface CommitListener {
    /**
     * Called right after the commit, while the mutation lock is still held: must only hand the work off (or wait
     * briefly until it has been taken).
     *
     * @param cursor the commit cursor of this commit
     * @param writes the rows written
     */
    void committed(long cursor, WriteSet writes);
}
