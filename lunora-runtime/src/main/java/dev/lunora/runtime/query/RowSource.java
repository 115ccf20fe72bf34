package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;
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

    /**
     * Declares an equality index on {@code field}: the source keeps its rows by that field's value, updated
     * atomically with every change batch, so a live query filtering it with {@link Exprs#eq} starts from the matching
     * rows instead of scanning them all. Idempotent. Queries create the indexes they need on first use, so declaring
     * one only moves the cost of building it (one pass over the rows) to a moment of the caller's choosing.
     */
    void createIndex(Field<? super R, ?> field);

    /** Whether {@code field} has an equality index, declared by {@link #createIndex} or created by a live query. */
    boolean hasIndex(Field<? super R, ?> field);

    /**
     * Like {@link #subscribeChanges(Consumer)}, except that the first batch inserts only the rows whose {@code field}
     * equals {@code value}, read from the field's index (created first when missing). Later batches carry every
     * change, so the listener must filter them: a key's first change may have as {@code previous} a row without
     * that value, which the listener was not sent.
     */
    <V> AutoCloseable subscribeChanges(Field<? super R, V> field, V value, Consumer<ChangeBatch<R>> listener);
}
