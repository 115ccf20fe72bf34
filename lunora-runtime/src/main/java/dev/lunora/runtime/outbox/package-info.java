/**
 * The durable outbox: pending writes journaled before an action returns and moved into an H2 file in batches, and the
 * drainer that sends them in order, retries transient failures with backoff and settles each write exactly once; and
 * the cache of synced rows kept in the same file for offline reads.
 */
package dev.lunora.runtime.outbox;
