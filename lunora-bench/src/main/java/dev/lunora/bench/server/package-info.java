/**
 * The server's load benchmark: update fan-out to many WebSocket subscribers of one query, and mutation throughput
 * through HTTP RPC with concurrent clients, on loopback with H2; the same throughput on H2 and PostgreSQL side by side.
 */
package dev.lunora.bench.server;
