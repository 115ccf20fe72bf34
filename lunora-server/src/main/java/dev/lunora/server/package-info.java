/**
 * The Lunora server's entry point: builds, starts and stops a server hosting one app's functions over HTTP RPC and
 * WebSocket on one port, with the tables stored in H2 or in PostgreSQL shared by several server processes.
 */
package dev.lunora.server;
