package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.Auth;
import dev.lunora.api.DatabaseWriter;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraException;
import dev.lunora.api.TableQuery;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.Filter;
import dev.lunora.server.storage.ReadRange;
import dev.lunora.server.storage.RowImage;
import dev.lunora.server.storage.Rows;
import dev.lunora.server.storage.TableSchema;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The database a function body sees: runs reads and writes on one connection, applies the caller's row rules and
 * records the ranges read and the rows written. Confined to the thread running the body.
 */
final class TrackedDb implements DatabaseWriter {
    private static final Pattern CLIENT_ID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

    private static final TimeOrderedIds IDS = new TimeOrderedIds();

    private final Database database;
    private final Connection connection;
    private final boolean writable;
    private final LongSupplier clock;
    private final Auth auth;
    private final RowAccess access;
    private final Set<ReadRange> reads = new LinkedHashSet<>();
    private final List<RowImage> writes = new ArrayList<>();

    TrackedDb(Database database, Connection connection, boolean writable, LongSupplier clock, Auth auth,
              RowAccess access) {
        this.database = database;
        this.connection = connection;
        this.writable = writable;
        this.clock = clock;
        this.auth = auth;
        this.access = access;
    }

    /** The ranges read so far. */
    Set<ReadRange> reads() {
        return Set.copyOf(reads);
    }

    /** The rows written so far. */
    WriteSet writes() {
        return new WriteSet(writes);
    }

    @Override
    public <T extends Record> Optional<T> get(Class<T> table, Id<T> id) {
        TableSchema schema = schema(table);
        reads.add(new ReadRange(schema.name(), List.of(new Filter(TableSchema.ID, id.value()))));
        return Sql.unchecked(() -> new Rows(schema).get(connection, id.value()))
                .map(row -> toRecord(row, table))
                .filter(row -> access.mayRead(auth, row));
    }

    @Override
    public <T extends Record> TableQuery<T> query(Class<T> table) {
        return new TrackedQuery<>(this, schema(table), table, List.of(), false, OptionalInt.empty());
    }

    /** Runs a {@link TrackedQuery}; with a read rule on the table, the limit applies after the rule's filtering. */
    <T extends Record> List<T> collect(TableSchema schema, Class<T> table, List<Filter> filters, boolean newestFirst,
                                       OptionalInt limit) {
        reads.add(new ReadRange(schema.name(), filters));
        boolean restricted = access.restrictsReads(table);
        List<T> rows = Sql.unchecked(() -> new Rows(schema).select(connection, filters, newestFirst,
                        restricted ? OptionalInt.empty() : limit)).stream()
                .map(row -> toRecord(row, table))
                .filter(row -> access.mayRead(auth, row))
                .toList();
        return restricted && limit.isPresent() && rows.size() > limit.getAsInt()
                ? rows.subList(0, Math.max(0, limit.getAsInt()))
                : rows;
    }

    @Override
    public <T> Id<T> insert(String table, Map<String, ?> doc, InsertOptions options) {
        TableSchema schema = writableSchema(table);
        Map<String, Object> values = schema.toSqlValues(doc, true);
        long now = clock.getAsLong();
        String id = options.clientId().map(TrackedDb::checkClientId).orElseGet(() -> IDS.next(now));
        Rows rows = new Rows(schema);
        Sql.unchecked(() -> {
            rows.insert(connection, id, now, values);
            return null;
        });
        writes.add(rows.imageOf(id, now, values));
        checkWriteRule(schema, id);
        return Id.of(id);
    }

    @Override
    public void patch(String table, Id<?> id, Map<String, ?> fields) {
        TableSchema schema = writableSchema(table);
        Map<String, Object> values = schema.toSqlValues(fields, false);
        recordWrite(schema, id.value());
        Sql.unchecked(() -> {
            new Rows(schema).patch(connection, id.value(), values);
            return null;
        });
        recordWrite(schema, id.value());
    }

    @Override
    public void delete(String table, Id<?> id) {
        TableSchema schema = writableSchema(table);
        recordWrite(schema, id.value());
        Sql.unchecked(() -> {
            new Rows(schema).delete(connection, id.value());
            return null;
        });
    }

    /** Records the current image of row {@code id} (when it exists) and checks the write rule on it. */
    private void recordWrite(TableSchema schema, String id) {
        Sql.unchecked(() -> new Rows(schema).image(connection, id)).ifPresent(writes::add);
        checkWriteRule(schema, id);
    }

    /** Checks the table's write rule on the current row {@code id} (when the table has one and the row exists). */
    private void checkWriteRule(TableSchema schema, String id) {
        if (access.restrictsWrites(schema.recordType())) {
            Optional<? extends Record> row = Sql.unchecked(() -> new Rows(schema).get(connection, id))
                    .map(json -> toRecord(json, schema.recordType()));
            if (row.isPresent() && !access.mayWrite(auth, row.get())) {
                throw new LunoraException("FORBIDDEN", "this caller may not write row " + id + " of "
                        + schema.name());
            }
        }
    }

    private static String checkClientId(String id) {
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new LunoraException("VALIDATION_ERROR", "client id must be a UUID (versions 1 to 8): " + id);
        }
        return id;
    }

    private TableSchema schema(Class<?> table) {
        return database.table(table).orElseThrow(() -> new LunoraException("VALIDATION_ERROR",
                table.getName() + " is not a table of this app"));
    }

    private TableSchema writableSchema(String table) {
        if (!writable) {
            throw new LunoraException("FORBIDDEN", "a query cannot write");
        }
        return database.table(table).orElseThrow(() -> new LunoraException("VALIDATION_ERROR",
                "no table named " + table));
    }

    private static <T> T toRecord(JsonNode row, Class<T> table) {
        return WireJson.fromWire(row, table);
    }

}
