package dev.lunora.server.storage;

/**
 * An equality filter of a table read.
 *
 * @param field the field name ({@code _id}, {@code _creationTime} or a column)
 * @param value the JDBC value from {@link TableSchema#toSqlFilter}; null means {@code IS NULL}
 */
public record Filter(String field, Object value) {}
