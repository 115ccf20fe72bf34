package dev.lunora.runtime.query;

import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A keyed, changing set of rows a {@link Query} reads from, such as a {@link
 * dev.lunora.runtime.collection.LiveCollection} or a {@link MemoryTable}. Implementations are thread-safe.
 *
 * @param <R> the row type
 */
public interface RowSource<R> {
    /** The source's name, for diagnostics. */
    String name();

    /** Gives a row's key, unique within the source. */
    Function<R, String> key();

    /** An immutable snapshot of the current rows. */
    Collection<R> rows();

    /**
     * Registers {@code listener} and calls it at once, before returning, with one batch inserting every current row
     * (empty when there are none), then with one batch per later atomic change, in order, each change's {@code
     * previous} being the row the listener last saw for its key. The snapshot and the registration are atomic, so the
     * listener misses nothing and sees nothing twice. It runs on the thread making the change, possibly under the
     * source's lock: it must be quick, must not block and must not write to the source. Close the handle to stop.
     */
    AutoCloseable subscribeChanges(Consumer<ChangeBatch<R>> listener);
}
