/**
 * HTTP RPC envelopes (protocol spec section 4): request and response bodies, the batch form, error
 * envelopes, and the transient/terminal classification of failures.
 */
package dev.lunora.protocol.rpc;
