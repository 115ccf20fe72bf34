package dev.lunora.server.exec;

import java.util.Set;

/** Told about every committed mutation that wrote something, in commit order. */
@FunctionalInterface
public interface CommitListener {
    /**
     * Called right after the commit, while the mutation lock is still held: must only hand the work off.
     *
     * @param cursor the commit cursor of this commit
     * @param writes the names of the tables written
     */
    void committed(long cursor, Set<String> writes);
}
