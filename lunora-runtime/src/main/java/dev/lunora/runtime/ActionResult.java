package dev.lunora.runtime;

import dev.lunora.api.Id;

/**
 * What an action returns: the id of the row it wrote (already visible in the collection, already durable in the
 * outbox) and the transaction that tells when the server has confirmed it.
 *
 * @param id the client-chosen id, which the server row will carry too
 * @param transaction the write's transaction
 * @param <R> the row record
 */
public record ActionResult<R>(Id<R> id, WriteTransaction transaction) {}
