/**
 * Server-side storage: maps {@code @Table} records to H2 tables and runs the SQL for rows, the commit cursor, the
 * epoch and the idempotency records.
 */
package dev.lunora.server.storage;
