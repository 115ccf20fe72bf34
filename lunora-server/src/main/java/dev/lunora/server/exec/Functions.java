package dev.lunora.server.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lunora.annotations.Nullable;
import dev.lunora.api.Auth;
import dev.lunora.api.FunctionRef;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.RecordShape;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.ReadRange;

import java.lang.reflect.RecordComponent;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The app's functions by path, with what every call needs: lookup, argument decoding and query runs on a reader
 * connection with read-set tracking. Thread-safe.
 */
public final class Functions {
    private static final System.Logger LOG = System.getLogger(Functions.class.getName());

    /** Per argument record class: whether each component may be absent or null ({@code @Nullable}, not primitive). */
    private static final ClassValue<boolean[]> OPTIONAL = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> argsType) {
            List<RecordComponent> components = RecordShape.of(argsType).components();
            boolean[] optional = new boolean[components.size()];
            for (int i = 0; i < optional.length; i++) {
                RecordComponent component = components.get(i);
                optional[i] = component.isAnnotationPresent(Nullable.class) && !component.getType().isPrimitive();
            }
            return optional;
        }
    };

    private final Database database;
    private final Map<String, BoundFunction> byPath;
    private final LongSupplier clock;
    private final RowAccess access;

    /**
     * The functions {@code byPath}, run against {@code database}.
     *
     * @param clock the server clock in epoch milliseconds, for {@code _creationTime}
     * @param access the row rules every call runs under
     */
    public Functions(Database database, Map<String, BoundFunction> byPath, LongSupplier clock, RowAccess access) {
        this.database = database;
        this.byPath = Map.copyOf(byPath);
        this.clock = clock;
        this.access = access;
    }

    /**
     * Runs a query for a live subscription with the subscriber's identity. Never throws: a failing query (unknown
     * path, a mutation's path, bad args, a coded or internal failure) is reported in the run, with what it read.
     */
    public QueryRun runLive(String functionPath, JsonNode args, Optional<String> userId) {
        try {
            BoundFunction function = lookup(functionPath);
            if (!(function instanceof BoundFunction.Query query)) {
                throw new LunoraException("BAD_REQUEST", functionPath + " is a mutation, not a query");
            }
            return runQuery(query, decodeArgs(query.ref(), args), new CallerAuth(userId));
        } catch (LunoraException e) {
            return new QueryRun(Set.of(), Optional.empty(), Optional.of(e), false);
        }
    }

    /** The server clock, epoch milliseconds. */
    LongSupplier clock() {
        return clock;
    }

    /** The row rules calls run under. */
    RowAccess access() {
        return access;
    }

    /** The function at {@code path}; {@code UNKNOWN_FUNCTION} when there is none. */
    BoundFunction lookup(String path) {
        BoundFunction function = byPath.get(path);
        if (function == null) {
            throw new LunoraException("UNKNOWN_FUNCTION", "no function " + path);
        }
        return function;
    }

    /**
     * Decodes wire args into the function's argument record; a non-object, a missing non-{@code @Nullable}
     * argument or an ill-typed one is a {@code VALIDATION_ERROR}.
     */
    static Record decodeArgs(FunctionRef<?, ?> ref, JsonNode args) {
        JsonNode object = args == null || args.isNull() || args.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : args;
        if (!object.isObject()) {
            throw new LunoraException("VALIDATION_ERROR", "args of " + ref.path() + " must be an object");
        }
        RecordShape shape = RecordShape.of(ref.argsType());
        List<RecordComponent> components = shape.components();
        boolean[] optional = OPTIONAL.get(ref.argsType());
        for (int i = 0; i < components.size(); i++) {
            JsonNode value = object.get(components.get(i).getName());
            if (!optional[i] && (value == null || value.isNull())) {
                throw required(ref, components.get(i));
            }
        }
        Record decoded;
        try {
            decoded = WireJson.fromWire(object, ref.argsType());
        } catch (RuntimeException e) {
            throw new LunoraException("VALIDATION_ERROR", "invalid args for " + ref.path() + ": " + e.getMessage());
        }
        for (int i = 0; i < components.size(); i++) {
            // A present value can still decode to null (a wire "undefined"): required means non-null after decoding.
            if (!optional[i] && shape.read(decoded, i) == null) {
                throw required(ref, components.get(i));
            }
        }
        return decoded;
    }

    private static LunoraException required(FunctionRef<?, ?> ref, RecordComponent component) {
        return new LunoraException("VALIDATION_ERROR", "argument '" + component.getName() + "' of " + ref.path()
                + " is required");
    }

    /**
     * Runs a query on a reader connection; failures, coded or not, are reported in the run with the ranges read up
     * to the failure (every table when that is unknown). The run notes whether its body or a row rule read the
     * caller's identity.
     */
    QueryRun runQuery(BoundFunction.Query query, Record args, Auth auth) {
        try {
            return database.read(connection -> {
                WatchedAuth caller = new WatchedAuth(auth.userId());
                TrackedDb db = new TrackedDb(database, connection, false, clock, caller, access);
                try {
                    Object value = query.run(Contexts.query(db, caller), args);
                    return new QueryRun(db.reads(), Optional.of(WireJson.toWire(value)), Optional.empty(),
                            caller.consulted());
                } catch (LunoraException e) {
                    return new QueryRun(db.reads(), Optional.empty(), Optional.of(e), caller.consulted());
                } catch (RuntimeException e) {
                    // A bug in the body, a storage failure, an unencodable result: the ranges read up to the failure
                    // (a read is recorded before it runs) are what a fix in the data would have to touch.
                    return new QueryRun(db.reads(), Optional.empty(), Optional.of(internal(query.ref().path(), e)),
                            true);
                }
            });
        } catch (SQLException | RuntimeException e) {
            // Failed before or around the body, reads unknown: any commit may be what lets it succeed.
            return new QueryRun(everyTable(), Optional.empty(), Optional.of(internal(query.ref().path(), e)), true);
        }
    }

    /** Every table of the app, whole. */
    private Set<ReadRange> everyTable() {
        return database.tableNames().stream().map(table -> new ReadRange(table, List.of()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Logs an uncoded failure and returns the generic {@code INTERNAL} error the caller sees instead. */
    static LunoraException internal(String path, Exception e) {
        LOG.log(System.Logger.Level.ERROR, "function " + path + " failed", e);
        return new LunoraException("INTERNAL", "internal server error");
    }
}
