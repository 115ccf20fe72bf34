/**
 * The client entry points: {@link dev.lunora.runtime.LunoraClient} (where the server is and who you are) and
 * {@link dev.lunora.runtime.LunoraDb} (live collections, optimistic actions and the durable outbox over it).
 */
package dev.lunora.runtime;
