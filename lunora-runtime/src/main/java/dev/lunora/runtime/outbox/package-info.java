/**
 * The durable outbox: pending writes stored in an H2 file before an action returns, and the drainer that sends them
 * in order, retries transient failures with backoff and settles each write exactly once; and the cache of synced
 * rows kept in the same file for offline reads.
 */
package dev.lunora.runtime.outbox;
