package dev.lunora.runtime.query;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;

/**
 * A window's sort keys, in priority order. Each key is read from a row once, when the row enters the window's tree,
 * and the tree compares the stored keys: a comparison never calls a getter or boxes a value again. Immutable.
 *
 * @param <W> the row type
 */
final class SortOrder<W> {
    private final Function<? super W, ?>[] extractors;
    private final Comparator<Object>[] comparators;

    private SortOrder(Function<? super W, ?>[] extractors, Comparator<Object>[] comparators) {
        this.extractors = extractors;
        this.comparators = comparators;
    }

    /** No sort key: every row ties (the window breaks ties by row key). */
    @SuppressWarnings("unchecked") // empty arrays hold nothing of the wrong type
    static <W> SortOrder<W> none() {
        return new SortOrder<>((Function<? super W, ?>[]) new Function<?, ?>[0],
                (Comparator<Object>[]) new Comparator<?>[0]);
    }

    /** This order, then {@code compare} over the key {@code extract} reads from a row. */
    @SuppressWarnings("unchecked") // the comparator only ever sees keys its own extractor produced
    <K> SortOrder<W> then(Function<? super W, ? extends K> extract, Comparator<? super K> compare) {
        Function<? super W, ?>[] moreExtractors = Arrays.copyOf(extractors, extractors.length + 1);
        moreExtractors[extractors.length] = extract;
        Comparator<Object>[] moreComparators = Arrays.copyOf(comparators, comparators.length + 1);
        moreComparators[comparators.length] = (Comparator<Object>) compare;
        return new SortOrder<>(moreExtractors, moreComparators);
    }

    /** The sort keys of {@code row}, in priority order. */
    Object[] keysOf(W row) {
        Object[] keys = new Object[extractors.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = extractors[i].apply(row);
        }
        return keys;
    }

    /** Compares two rows by the keys {@link #keysOf} read from them. */
    int compare(Object[] left, Object[] right) {
        for (int i = 0; i < comparators.length; i++) {
            int result = comparators[i].compare(left[i], right[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }
}
