package dev.lunora.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.wire.WireJson;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One user column of a table: a record component other than {@code _id} and {@code _creationTime}.
 *
 * @param name the component name, also the (quoted) column name
 * @param type the component's generic type
 * @param kind how the value is stored
 * @param nullable whether the component is {@code @Nullable} (and not primitive)
 */
public record Column(String name, Type type, ColumnKind kind, boolean nullable) {
    /**
     * Converts a field value given to {@code insert}/{@code patch}/{@code where} to its JDBC value.
     *
     * @throws LunoraException {@code VALIDATION_ERROR} when the value does not fit the component's type
     */
    public Object toSql(Object value) {
        switch (kind) {
            case TEXT -> {
                if (value instanceof Id<?> id) {
                    return id.value();
                }
                if (value instanceof String text) {
                    return text;
                }
            }
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    long number = ((Number) value).longValue();
                    if ((type == int.class || type == Integer.class)
                            && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                        throw invalid(value);
                    }
                    return number;
                }
            }
            case REAL -> {
                if (value instanceof Number number) {
                    return number.doubleValue();
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean flag) {
                    return flag;
                }
            }
            case JSON -> {
                return encodeJson(value);
            }
        }
        throw invalid(value);
    }

    /** The column's value in the current row of {@code rows} as plain JSON, or null when it is SQL NULL. */
    JsonNode readJson(ResultSet rows) throws SQLException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (kind) {
            case TEXT -> {
                String text = rows.getString(name);
                yield text == null ? null : json.textNode(text);
            }
            case INTEGER -> {
                long number = rows.getLong(name);
                yield rows.wasNull() ? null : json.numberNode(number);
            }
            case REAL -> {
                double number = rows.getDouble(name);
                yield rows.wasNull() ? null : json.numberNode(number);
            }
            case BOOLEAN -> {
                boolean flag = rows.getBoolean(name);
                yield rows.wasNull() ? null : json.booleanNode(flag);
            }
            case JSON -> {
                String text = rows.getString(name);
                yield text == null ? null : WireJson.parse(text);
            }
        };
    }

    /**
     * The column's value in the current row of {@code rows} in the JDBC value space {@link #toSql} produces, or null
     * when it is SQL NULL.
     */
    Object readSql(ResultSet rows) throws SQLException {
        Object value = switch (kind) {
            case TEXT, JSON -> rows.getString(name);
            case INTEGER -> rows.getLong(name);
            case REAL -> rows.getDouble(name);
            case BOOLEAN -> rows.getBoolean(name);
        };
        return rows.wasNull() ? null : value;
    }

    private String encodeJson(Object value) {
        try {
            JsonNode wire = WireJson.toWire(value);
            WireJson.fromWire(wire, type);
            return WireJson.write(wire);
        } catch (RuntimeException e) {
            throw invalid(value);
        }
    }

    private LunoraException invalid(Object value) {
        return new LunoraException("VALIDATION_ERROR", "field '" + name + "' expects " + type.getTypeName()
                + ", got " + value.getClass().getSimpleName());
    }
}
