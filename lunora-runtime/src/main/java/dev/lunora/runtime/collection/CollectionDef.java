package dev.lunora.runtime.collection;

import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The definition of one collection: its row type and key, the query it syncs from (whole table, or scoped by a shard
 * field), when it loads, and optionally the insert binding that makes it writable. Immutable; build one with
 * {@link #builder}. The generated {@code LunoraCollections} builds these for every table.
 *
 * @param <R> the row record
 */
public final class CollectionDef<R extends Record> {
    private final String name;
    private final Class<R> rowType;
    private final Function<R, String> key;
    private final QueryRef<?, List<R>> list;
    private final Record listArgs;
    private final String scopeBy;
    private final LoadMode load;
    private final Duration gcTime;
    private final InsertBinding<R, ?> insert;
    private final Consumer<LunoraException> onError;

    private CollectionDef(Builder<R> builder) {
        this.name = builder.name;
        this.rowType = builder.rowType;
        this.key = builder.key;
        this.list = Objects.requireNonNull(builder.list, () -> "collection '" + builder.name + "' has no list query");
        this.listArgs = builder.listArgs;
        this.scopeBy = builder.scopeBy;
        this.load = builder.load;
        this.gcTime = builder.gcTime;
        this.insert = builder.insert;
        this.onError = builder.onError;
    }

    /**
     * Starts a definition.
     *
     * @param name the collection (table) name
     * @param rowType the row record
     * @param key extracts a row's key, usually {@code row -> row._id().value()}
     */
    public static <R extends Record> Builder<R> builder(String name, Class<R> rowType, Function<R, String> key) {
        return new Builder<>(name, rowType, key);
    }

    /** The collection name. */
    public String name() {
        return name;
    }

    /** The row record. */
    public Class<R> rowType() {
        return rowType;
    }

    /** Extracts a row's key. */
    public Function<R, String> key() {
        return key;
    }

    /** The query the collection syncs from. */
    public QueryRef<?, List<R>> list() {
        return list;
    }

    /** The list query's arguments for an unscoped collection; empty for a scoped one. */
    public Optional<Record> listArgs() {
        return Optional.ofNullable(listArgs);
    }

    /** The row field that scopes the collection; empty for an unscoped one. */
    public Optional<String> scopeBy() {
        return Optional.ofNullable(scopeBy);
    }

    /** When the collection starts syncing. */
    public LoadMode load() {
        return load;
    }

    /** How long a lazy collection keeps syncing after its last subscriber left before it pauses. */
    public Duration gcTime() {
        return gcTime;
    }

    /** The insert binding, for a writable collection. */
    public Optional<InsertBinding<R, ?>> insert() {
        return Optional.ofNullable(insert);
    }

    /** Notified when the list subscription fails (the read side). */
    public Consumer<LunoraException> onError() {
        return onError;
    }

    /**
     * Builds a {@link CollectionDef}. Not thread-safe.
     *
     * @param <R> the row record
     */
    public static final class Builder<R extends Record> {
        private final String name;
        private final Class<R> rowType;
        private final Function<R, String> key;
        private QueryRef<?, List<R>> list;
        private Record listArgs;
        private String scopeBy;
        private LoadMode load = LoadMode.LAZY;
        private Duration gcTime = Duration.ofMinutes(5);
        private InsertBinding<R, ?> insert;
        private Consumer<LunoraException> onError = error -> { };

        private Builder(String name, Class<R> rowType, Function<R, String> key) {
            this.name = Objects.requireNonNull(name, "name");
            this.rowType = Objects.requireNonNull(rowType, "rowType");
            this.key = Objects.requireNonNull(key, "key");
        }

        /** Syncs the whole table from {@code query} called with {@code args}. */
        public <A extends Record> Builder<R> list(QueryRef<A, List<R>> query, A args) {
            this.list = Objects.requireNonNull(query, "query");
            this.listArgs = Objects.requireNonNull(args, "args");
            this.scopeBy = null;
            return this;
        }

        /**
         * Syncs one shard at a time from {@code query}: nothing until scoped, then the rows of the arguments given to
         * the scope. {@code scopeBy} is the row field those arguments select on.
         */
        public <A extends Record> Builder<R> scopedList(QueryRef<A, List<R>> query, String scopeBy) {
            this.list = Objects.requireNonNull(query, "query");
            this.scopeBy = Objects.requireNonNull(scopeBy, "scopeBy");
            this.listArgs = null;
            return this;
        }

        /** When to start syncing; lazy by default. Has no effect on a scoped collection. */
        public Builder<R> load(LoadMode mode) {
            this.load = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * How long a lazy collection keeps syncing after its last subscriber left (default 5 minutes); then it pauses
         * (unsubscribes, keeping its rows) until the next subscriber resumes it. Eager collections never pause.
         */
        public Builder<R> gcTime(Duration time) {
            if (time.isNegative()) {
                throw new IllegalArgumentException("gcTime must not be negative: " + time);
            }
            this.gcTime = time;
            return this;
        }

        /**
         * Makes the collection writable through {@code mutation}, called with the arguments {@code toArgs} makes of
         * each optimistic row.
         */
        public <A extends Record> Builder<R> insert(MutationRef<A, ?> mutation, Function<R, A> toArgs) {
            this.insert = new InsertBinding<>(mutation, toArgs);
            return this;
        }

        /** Called when the list subscription fails. */
        public Builder<R> onError(Consumer<LunoraException> onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /** The definition. */
        public CollectionDef<R> build() {
            return new CollectionDef<>(this);
        }
    }
}
