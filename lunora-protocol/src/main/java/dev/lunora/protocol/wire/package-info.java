/**
 * The Lunora wire value codec: native Java values to and from tagged wire JSON (protocol spec section 2),
 * plus the Jackson bridge that moves records and collections across it.
 */
package dev.lunora.protocol.wire;
