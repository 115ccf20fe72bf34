/**
 * The catalog of error codes the protocol uses and the HTTP status each one travels with.
 */
package dev.lunora.protocol.errors;
