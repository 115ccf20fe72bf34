/**
 * Runs the app's functions: decodes arguments, gives bodies a database that applies the row rules and records the
 * ranges read and rows written, serializes mutations into transactions with idempotency, client-sequence watermarks
 * and the commit cursor (retrying transactions that lose a race on a shared database), and reports each commit's
 * write set.
 */
package dev.lunora.server.exec;
