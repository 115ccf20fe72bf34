/**
 * The task tracker example: six tables and their functions, written the way an app grows (inserts in helper
 * methods, table names as shared constants, one mutation writing two tables, a sharded table, a read-only table),
 * from which the processor generates {@code Api}, {@code LunoraCollections} and {@code LunoraTables} (one
 * metamodel per table).
 */
package dev.lunora.examples.tasks;
