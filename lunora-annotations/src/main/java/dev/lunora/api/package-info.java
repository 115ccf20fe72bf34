/**
 * The types a Lunora app's functions are written against and that client and server share: ids, function
 * references, the query and mutation contexts, and the coded error.
 */
package dev.lunora.api;
