/**
 * The WebSocket side of the server: one listener per socket with ordered sends, and the live-query hub that runs
 * subscriptions and re-runs them after each commit that touches what they read.
 */
package dev.lunora.server.ws;
