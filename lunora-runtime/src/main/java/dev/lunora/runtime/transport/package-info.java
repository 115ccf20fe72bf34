/**
 * The client's two transports to a Lunora server: HTTP RPC for queries and mutations, and one WebSocket for live
 * subscriptions, reconnected with backoff and resubscribed on every reconnect.
 */
package dev.lunora.runtime.transport;
