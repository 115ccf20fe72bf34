package dev.lunora.server.storage;

import java.util.List;

/** Told about each commit read from a shared database's change log, in cursor order, on the feed's thread. */
@FunctionalInterface
public interface FeedListener {
    /**
     * One commit, of this process or another.
     *
     * @param cursor its commit cursor
     * @param writes the rows it wrote, as they were before and after each write
     */
    void committed(long cursor, List<RowImage> writes);
}
