/**
 * Server-side storage: maps {@code @Table} records to H2 tables and runs the SQL for rows, the commit cursor, the
 * epoch, the idempotency records and client watermarks; row images and read ranges decide which reads a write touches.
 */
package dev.lunora.server.storage;
