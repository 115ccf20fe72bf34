package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.DatabaseWriter;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraException;
import dev.lunora.api.TableQuery;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.Filter;
import dev.lunora.server.storage.Rows;
import dev.lunora.server.storage.TableSchema;

import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The database a function body sees: runs reads and writes on one connection and records the tables read and
 * written. Confined to the thread running the body.
 */
final class TrackedDb implements DatabaseWriter {
    private static final Pattern CLIENT_ID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

    private final Database database;
    private final Connection connection;
    private final boolean writable;
    private final LongSupplier clock;
    private final Set<String> reads = new LinkedHashSet<>();
    private final Set<String> writes = new LinkedHashSet<>();

    TrackedDb(Database database, Connection connection, boolean writable, LongSupplier clock) {
        this.database = database;
        this.connection = connection;
        this.writable = writable;
        this.clock = clock;
    }

    /** The tables read so far. */
    Set<String> reads() {
        return Set.copyOf(reads);
    }

    /** The tables written so far. */
    Set<String> writes() {
        return Set.copyOf(writes);
    }

    @Override
    public <T extends Record> Optional<T> get(Class<T> table, Id<T> id) {
        TableSchema schema = schema(table);
        reads.add(schema.name());
        return Sql.unchecked(() -> new Rows(schema).get(connection, id.value())).map(row -> toRecord(row, table));
    }

    @Override
    public <T extends Record> TableQuery<T> query(Class<T> table) {
        return new TrackedQuery<>(this, schema(table), table, List.of(), false, OptionalInt.empty());
    }

    /** Runs a {@link TrackedQuery}. */
    <T extends Record> List<T> collect(TableSchema schema, Class<T> table, List<Filter> filters, boolean newestFirst,
                                       OptionalInt limit) {
        reads.add(schema.name());
        return Sql.unchecked(() -> new Rows(schema).select(connection, filters, newestFirst, limit)).stream()
                .map(row -> toRecord(row, table))
                .toList();
    }

    @Override
    public <T> Id<T> insert(String table, Map<String, ?> doc, InsertOptions options) {
        TableSchema schema = writableSchema(table);
        Map<String, Object> values = schema.toSqlValues(doc, true);
        String id = options.clientId().map(TrackedDb::checkClientId).orElseGet(() -> UUID.randomUUID().toString());
        Sql.unchecked(() -> {
            new Rows(schema).insert(connection, id, clock.getAsLong(), values);
            return null;
        });
        writes.add(schema.name());
        return Id.of(id);
    }

    @Override
    public void patch(String table, Id<?> id, Map<String, ?> fields) {
        TableSchema schema = writableSchema(table);
        Map<String, Object> values = schema.toSqlValues(fields, false);
        Sql.unchecked(() -> {
            new Rows(schema).patch(connection, id.value(), values);
            return null;
        });
        writes.add(schema.name());
    }

    @Override
    public void delete(String table, Id<?> id) {
        TableSchema schema = writableSchema(table);
        Sql.unchecked(() -> {
            new Rows(schema).delete(connection, id.value());
            return null;
        });
        writes.add(schema.name());
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
