/**
 * The stable subscription key (protocol spec section 3): canonical JSON over the wire encoding, with
 * ECMAScript number spelling, so equal arguments always name the same subscription.
 */
package dev.lunora.protocol.key;
