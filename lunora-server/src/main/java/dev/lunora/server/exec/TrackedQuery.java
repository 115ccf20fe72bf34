package dev.lunora.server.exec;

import dev.lunora.api.TableQuery;
import dev.lunora.server.storage.Filter;
import dev.lunora.server.storage.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** An immutable {@link TableQuery} that runs as SQL through its {@link TrackedDb} when collected. */
final class TrackedQuery<T extends Record> implements TableQuery<T> {
    private final TrackedDb db;
    private final TableSchema schema;
    private final Class<T> table;
    private final List<Filter> filters;
    private final boolean newestFirst;
    private final OptionalInt limit;

    TrackedQuery(TrackedDb db, TableSchema schema, Class<T> table, List<Filter> filters, boolean newestFirst,
                 OptionalInt limit) {
        this.db = db;
        this.schema = schema;
        this.table = table;
        this.filters = List.copyOf(filters);
        this.newestFirst = newestFirst;
        this.limit = limit;
    }

    @Override
    public TableQuery<T> where(String field, Object value) {
        List<Filter> more = new ArrayList<>(filters);
        more.add(new Filter(field, schema.toSqlFilter(field, value)));
        return new TrackedQuery<>(db, schema, table, more, newestFirst, limit);
    }

    @Override
    public TableQuery<T> newestFirst() {
        return new TrackedQuery<>(db, schema, table, filters, true, limit);
    }

    @Override
    public TableQuery<T> limit(int max) {
        return new TrackedQuery<>(db, schema, table, filters, newestFirst, OptionalInt.of(max));
    }

    @Override
    public List<T> collect() {
        return db.collect(schema, table, filters, newestFirst, limit);
    }
}
