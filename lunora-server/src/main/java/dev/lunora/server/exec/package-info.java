/**
 * Runs the app's functions: decodes arguments, gives bodies a read/write-tracking database, serializes mutations
 * into transactions with idempotency and the commit cursor, and reports each commit's write set.
 */
package dev.lunora.server.exec;
