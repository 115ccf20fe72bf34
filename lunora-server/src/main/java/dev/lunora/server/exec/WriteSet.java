package dev.lunora.server.exec;

import dev.lunora.server.storage.ReadRange;
import dev.lunora.server.storage.RowImage;

import java.util.Collection;
import java.util.List;

/**
 * What one committed transaction wrote: every written row as it was before (patch, delete) and after (insert,
 * patch) the write. Immutable.
 *
 * @param rows the row images, in write order
 */
public record WriteSet(List<RowImage> rows) {
    /** Copies the images. */
    public WriteSet {
        rows = List.copyOf(rows);
    }

    /** Whether nothing was written. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Whether a written row lies in one of {@code reads}. */
    public boolean touches(Collection<ReadRange> reads) {
        for (ReadRange range : reads) {
            for (RowImage row : rows) {
                if (range.covers(row)) {
                    return true;
                }
            }
        }
        return false;
    }
}
