/**
 * The write-side benchmark of the durable outbox: the machine's raw fsync against enqueue latency in both durability
 * modes, group-commit throughput with concurrent writers, and the time to drain queued writes to a local server.
 */
package dev.lunora.bench.outbox;
