package dev.lunora.server.storage;

import dev.lunora.api.Id;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** How a record component is stored in its SQL column. */
public enum ColumnKind {
    /** {@code Id} and {@code String}: {@code VARCHAR}. */
    TEXT("VARCHAR"),
    /** {@code long}, {@code int} and their boxes: {@code BIGINT}. */
    INTEGER("BIGINT"),
    /** {@code double} and {@code Double}: {@code DOUBLE PRECISION}. */
    REAL("DOUBLE PRECISION"),
    /** {@code boolean} and {@code Boolean}: {@code BOOLEAN}. */
    BOOLEAN("BOOLEAN"),
    /** Anything else: a {@code CLOB} ({@code TEXT} on PostgreSQL) holding the value's wire JSON. */
    JSON("CLOB");

    private final String sqlType;

    ColumnKind(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The SQL type of the column, unless a {@link Dialect} says otherwise. */
    public String sqlType() {
        return sqlType;
    }

    /** The kind for a component of the given (possibly generic) type. */
    public static ColumnKind of(Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : type instanceof Class<?> plain ? plain : Object.class;
        if (raw == Id.class || raw == String.class) {
            return TEXT;
        }
        if (raw == long.class || raw == int.class || raw == Long.class || raw == Integer.class) {
            return INTEGER;
        }
        if (raw == double.class || raw == Double.class) {
            return REAL;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return BOOLEAN;
        }
        return JSON;
    }
}
