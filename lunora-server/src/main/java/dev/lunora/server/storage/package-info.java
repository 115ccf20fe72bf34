/**
 * Server-side storage: maps {@code @Table} records to SQL tables (H2 or PostgreSQL, behind one {@link
 * dev.lunora.server.storage.Dialect}) and runs the SQL for rows, the commit cursor, the epoch, the idempotency records
 * and client watermarks; on a shared PostgreSQL database it tails every process's commits; row images and read ranges
 * decide which reads a write touches.
 */
package dev.lunora.server.storage;
