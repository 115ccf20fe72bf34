package dev.lunora.server.storage;

import java.util.List;

/**
 * A range of one table that a read covered: the rows matching every equality filter (no filter: the whole table).
 * A write touches the range when a row it wrote, as it was before or after the write, lies in it. Immutable.
 *
 * @param table the table name
 * @param filters the equality filters of the read (a {@code get} by id is an {@code _id} filter)
 */
public record ReadRange(String table, List<Filter> filters) {
    /** Copies the filters. */
    public ReadRange {
        filters = List.copyOf(filters);
    }

    /** Whether {@code row} lies in this range. */
    public boolean covers(RowImage row) {
        if (!row.table().equals(table)) {
            return false;
        }
        for (Filter filter : filters) {
            Object stored = row.value(filter.field()).orElse(null);
            if (!sameValue(filter.value(), stored)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(Object wanted, Object stored) {
        if (wanted instanceof Double x && stored instanceof Double y) {
            // SQL equality: 0.0 = -0.0, unlike Double.equals.
            return x.doubleValue() == y.doubleValue();
        }
        return wanted == null ? stored == null : wanted.equals(stored);
    }
}
