/**
 * WebSocket frames (protocol spec section 5): the client and server frame models and their JSON text
 * form, strict on the server side and forward-compatible on the client side.
 */
package dev.lunora.protocol.frames;
