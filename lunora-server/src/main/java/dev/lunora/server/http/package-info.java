/**
 * The HTTP side of the server: the Jetty handler for {@code /_lunora/rpc}, {@code /_lunora/rpc-batch} and
 * {@code /_lunora/status}, turning requests into calls and outcomes into wire envelopes.
 */
package dev.lunora.server.http;
