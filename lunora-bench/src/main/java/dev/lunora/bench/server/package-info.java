/**
 * The server's load benchmark: update fan-out to many WebSocket subscribers of one query, and mutation throughput
 * through HTTP RPC with concurrent clients, on loopback with H2.
 */
package dev.lunora.bench.server;
